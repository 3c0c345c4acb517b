namespace NetGen.Safetensors
{
    /// <summary>One tensor entry of a safetensors header, already checked against the format's rules.</summary>
    internal sealed class SafetensorsTensorInfo
    {
        public SafetensorsTensorInfo(string name, string dtype, long[] shape, long begin, long end, long headerOffset)
        {
            Name = name;
            DType = dtype;
            Shape = shape;
            Begin = begin;
            End = end;
            HeaderOffset = headerOffset;
        }

        public string Name { get; }

        /// <summary>The dtype as written, e.g. <c>F32</c>.</summary>
        public string DType { get; }

        public long[] Shape { get; }

        /// <summary>Start of the tensor's bytes, relative to the start of the data buffer.</summary>
        public long Begin { get; }

        /// <summary>End (exclusive) of the tensor's bytes, relative to the start of the data buffer.</summary>
        public long End { get; }

        /// <summary>File offset of the tensor's entry in the JSON header, for error messages.</summary>
        public long HeaderOffset { get; }

        public long ByteLength => End - Begin;

        /// <summary>The shape as PyTorch prints it, e.g. <c>[8, 4]</c>.</summary>
        public string ShapeText => FormatShape(Shape);

        public static string FormatShape(long[] shape) => "[" + string.Join(", ", shape) + "]";
    }
}
