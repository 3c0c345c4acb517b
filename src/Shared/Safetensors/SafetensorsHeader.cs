using System.Collections.Generic;

namespace NetGen.Safetensors
{
    /// <summary>A parsed and validated safetensors header: tensors in file order, metadata, and where the data buffer lies.</summary>
    internal sealed class SafetensorsHeader
    {
        private readonly Dictionary<string, SafetensorsTensorInfo> _byName;

        public SafetensorsHeader(IReadOnlyList<SafetensorsTensorInfo> tensors, Dictionary<string, SafetensorsTensorInfo> byName, IReadOnlyDictionary<string, string> metadata, long headerLength, long dataLength)
        {
            Tensors = tensors;
            _byName = byName;
            Metadata = metadata;
            HeaderLength = headerLength;
            DataLength = dataLength;
        }

        /// <summary>The tensors in the order the header lists them.</summary>
        public IReadOnlyList<SafetensorsTensorInfo> Tensors { get; }

        /// <summary>The <c>__metadata__</c> map (empty when absent).</summary>
        public IReadOnlyDictionary<string, string> Metadata { get; }

        /// <summary>The JSON header's length N from the 8-byte prefix.</summary>
        public long HeaderLength { get; }

        /// <summary>File offset of the data buffer: 8 + N.</summary>
        public long DataStart => SafetensorsParser.PrefixLength + HeaderLength;

        /// <summary>The data buffer's length: the file's length minus 8 + N.</summary>
        public long DataLength { get; }

        public SafetensorsTensorInfo? Find(string name) => _byName.TryGetValue(name, out SafetensorsTensorInfo? t) ? t : null;
    }
}
