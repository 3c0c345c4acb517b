using System;
using System.Collections.Generic;

namespace NetGen.Safetensors
{
    /// <summary>
    /// Parses and validates the safetensors container (https://github.com/huggingface/safetensors): an 8-byte
    /// little-endian header length N, N bytes of JSON <c>{name: {dtype, shape, data_offsets: [begin, end]},
    /// "__metadata__": {string: string}}</c>, then the data buffer. Everything is checked before a caller trusts it:
    /// the length against the file and a cap (so a header claiming gigabytes is rejected before anything is allocated),
    /// strict JSON, known dtypes, sizes matching shapes, and offsets that tile the data buffer exactly (sorted by begin,
    /// no gaps, no overlaps, ending at its last byte). Problems come back as <see cref="SafetensorsError"/> values, never
    /// as exceptions, because the generator must report them as diagnostics.
    /// </summary>
    internal static class SafetensorsParser
    {
        /// <summary>The header-length prefix: a little-endian unsigned 64-bit integer.</summary>
        public const int PrefixLength = 8;

        /// <summary>
        /// The largest JSON header accepted, 100 MB, the limit the reference implementation uses; a real header for a
        /// dense network is a few hundred bytes, so only hostile or corrupt files come near it.
        /// </summary>
        public const long MaxHeaderLength = 100L * 1024 * 1024;

        /// <summary>The name under which the header stores the string-to-string metadata map.</summary>
        public const string MetadataKey = "__metadata__";

        /// <summary>Reads N from the first 8 bytes and checks it against the file length and <see cref="MaxHeaderLength"/>.</summary>
        /// <param name="prefix">The file's first bytes (at most 8 are read; fewer means the file is too short).</param>
        /// <param name="fileLength">The whole file's length in bytes.</param>
        /// <param name="headerLength">N on success.</param>
        public static SafetensorsError? ReadHeaderLength(ReadOnlySpan<byte> prefix, long fileLength, out long headerLength)
        {
            headerLength = 0;
            if (fileLength < PrefixLength || prefix.Length < PrefixLength)
                return Malformed(0, $"the file is {fileLength} bytes long, too short for the 8-byte header length");
            ulong n = 0;
            for (int i = PrefixLength - 1; i >= 0; i--) n = (n << 8) | prefix[i];
            if (n > (ulong)MaxHeaderLength)
                return Malformed(0, $"the header length is {n} bytes, above the {MaxHeaderLength}-byte limit");
            if ((long)n > fileLength - PrefixLength)
                return Malformed(0, $"the header length is {n} bytes but only {fileLength - PrefixLength} bytes follow the length prefix");
            if (n < 2)
                return Malformed(0, $"the header length is {n} bytes; the smallest header, '{{}}', has 2");
            headerLength = (long)n;
            return null;
        }

        /// <summary>Parses the JSON header and validates every entry against the data buffer's length.</summary>
        /// <param name="json">The N header bytes.</param>
        /// <param name="dataLength">The data buffer's length: file length - 8 - N.</param>
        /// <param name="header">The parsed header on success, otherwise null.</param>
        public static SafetensorsError? ParseHeader(ReadOnlySpan<byte> json, long dataLength, out SafetensorsHeader? header)
        {
            header = null;
            if (json.Length == 0 || json[0] != '{')
                return Malformed(PrefixLength, "the header must begin with '{'");

            var reader = new StrictJsonReader(json, PrefixLength);
            var tensors = new List<SafetensorsTensorInfo>();
            var byName = new Dictionary<string, SafetensorsTensorInfo>(StringComparer.Ordinal);
            Dictionary<string, string>? metadata = null;
            SafetensorsError? error = null;

            if (!reader.Expect('{')) return FromReader(reader);
            if (!reader.TryConsume('}'))
            {
                do
                {
                    long keyOffset = reader.FileOffset;
                    if (!reader.ReadString(out string key) || !reader.Expect(':')) return FromReader(reader);
                    if (key == MetadataKey)
                    {
                        if (metadata is not null) return Malformed(keyOffset, $"'{MetadataKey}' appears twice");
                        if (!ReadMetadata(ref reader, out metadata)) return FromReader(reader);
                    }
                    else
                    {
                        if (byName.ContainsKey(key)) return Malformed(keyOffset, $"tensor '{key}' appears twice", key);
                        if (!ReadTensor(ref reader, key, keyOffset, dataLength, out SafetensorsTensorInfo? tensor, out error)) return error ?? FromReader(reader);
                        tensors.Add(tensor!);
                        byName.Add(key, tensor!);
                    }
                }
                while (reader.TryConsume(','));

                if (!reader.Expect('}')) return FromReader(reader);
            }

            // The format pads the header with spaces to an 8-byte boundary; anything else after the object is an error.
            if (!reader.SkipWhitespaceToEnd()) return Malformed(reader.FileOffset, "unexpected bytes after the header's closing '}'");

            error = CheckTiling(tensors, dataLength);
            if (error is not null) return error;
            header = new SafetensorsHeader(tensors, byName, (IReadOnlyDictionary<string, string>?)metadata ?? new Dictionary<string, string>(), json.Length, dataLength);
            return null;
        }

        /// <summary>Bytes per element of a safetensors dtype, or -1 for a name the format does not define.</summary>
        public static int DTypeSize(string dtype)
        {
            switch (dtype)
            {
                case "BOOL": case "U8": case "I8": case "F8_E5M2": case "F8_E4M3": return 1;
                case "I16": case "U16": case "F16": case "BF16": return 2;
                case "I32": case "U32": case "F32": return 4;
                case "I64": case "U64": case "F64": return 8;
                default: return -1;
            }
        }

        private static bool ReadMetadata(ref StrictJsonReader reader, out Dictionary<string, string> metadata)
        {
            metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            if (!reader.Expect('{')) return false;
            if (reader.TryConsume('}')) return true;
            do
            {
                long keyOffset = reader.FileOffset;
                if (!reader.ReadString(out string key) || !reader.Expect(':')) return false;
                if (metadata.ContainsKey(key)) return reader.FailAtFileOffset(keyOffset, $"metadata key '{key}' appears twice");
                if (!reader.PeekIs('"')) return reader.Fail($"metadata value for '{key}' must be a string");
                if (!reader.ReadString(out string value)) return false;
                metadata.Add(key, value);
            }
            while (reader.TryConsume(','));
            return reader.Expect('}');
        }

        private static bool ReadTensor(ref StrictJsonReader reader, string name, long entryOffset, long dataLength, out SafetensorsTensorInfo? tensor, out SafetensorsError? error)
        {
            tensor = null;
            error = null;
            string? dtype = null;
            List<long>? shape = null;
            long begin = -1, end = -1;
            bool haveOffsets = false;

            if (!reader.Expect('{')) return false;
            if (!reader.TryConsume('}'))
            {
                do
                {
                    long fieldOffset = reader.FileOffset;
                    if (!reader.ReadString(out string field) || !reader.Expect(':')) return false;
                    switch (field)
                    {
                        case "dtype":
                            if (dtype is not null) return reader.FailAtFileOffset(fieldOffset, $"tensor '{name}' has two 'dtype' fields");
                            if (!reader.ReadString(out string d)) return false;
                            dtype = d;
                            break;
                        case "shape":
                            if (shape is not null) return reader.FailAtFileOffset(fieldOffset, $"tensor '{name}' has two 'shape' fields");
                            shape = new List<long>();
                            if (!ReadIntegerArray(ref reader, shape)) return false;
                            break;
                        case "data_offsets":
                            if (haveOffsets) return reader.FailAtFileOffset(fieldOffset, $"tensor '{name}' has two 'data_offsets' fields");
                            var offsets = new List<long>(2);
                            long offsetsAt = reader.FileOffset;
                            if (!ReadIntegerArray(ref reader, offsets)) return false;
                            if (offsets.Count != 2)
                                return reader.FailAtFileOffset(offsetsAt, $"tensor '{name}': 'data_offsets' must hold exactly 2 numbers [begin, end]; it holds {offsets.Count}");
                            begin = offsets[0];
                            end = offsets[1];
                            haveOffsets = true;
                            break;
                        default:
                            // Other writers may add fields; the reference reader ignores them, so do we (after validating them).
                            if (!reader.SkipValue()) return false;
                            break;
                    }
                }
                while (reader.TryConsume(','));

                if (!reader.Expect('}')) return false;
            }

            string? missing = dtype is null ? "dtype" : shape is null ? "shape" : !haveOffsets ? "data_offsets" : null;
            if (missing is not null) return Fail(out error, entryOffset, $"tensor '{name}' has no '{missing}' field", name);

            int elementSize = DTypeSize(dtype!);
            if (elementSize < 0) return Fail(out error, entryOffset, $"tensor '{name}' has unknown dtype '{dtype}'", name);
            long elements = 1;
            bool hasZero = shape!.Contains(0);
            if (!hasZero)
            {
                foreach (long dim in shape)
                {
                    if (elements > long.MaxValue / elementSize / dim)
                        return Fail(out error, entryOffset, $"tensor '{name}' has shape {SafetensorsTensorInfo.FormatShape(shape.ToArray())}, too large to address", name);
                    elements *= dim;
                }
            }
            else
            {
                elements = 0;
            }

            if (end < begin)
                return Fail(out error, entryOffset, $"tensor '{name}' has data_offsets [{begin}, {end}]: end is before begin", name);
            if (end > dataLength)
                return Fail(out error, entryOffset, $"tensor '{name}' has data_offsets [{begin}, {end}] beyond the {dataLength}-byte data buffer", name);
            long expectedBytes = elements * elementSize;
            if (end - begin != expectedBytes)
                return Fail(out error, entryOffset,
                    $"tensor '{name}' ({dtype}, shape {SafetensorsTensorInfo.FormatShape(shape.ToArray())}) needs {expectedBytes} bytes but its data_offsets [{begin}, {end}] span {end - begin}", name);

            tensor = new SafetensorsTensorInfo(name, dtype!, shape.ToArray(), begin, end, entryOffset);
            return true;
        }

        private static bool ReadIntegerArray(ref StrictJsonReader reader, List<long> values)
        {
            if (!reader.Expect('[')) return false;
            if (reader.TryConsume(']')) return true;
            do
            {
                if (!reader.ReadNonNegativeInteger(out long v)) return false;
                values.Add(v);
            }
            while (reader.TryConsume(','));
            return reader.Expect(']');
        }

        /// <summary>The spec requires the tensors, sorted by offset, to cover the data buffer exactly: no gaps, no overlaps.</summary>
        private static SafetensorsError? CheckTiling(List<SafetensorsTensorInfo> tensors, long dataLength)
        {
            var sorted = new List<SafetensorsTensorInfo>(tensors);
            sorted.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
            long expected = 0;
            SafetensorsTensorInfo? previous = null;
            foreach (SafetensorsTensorInfo t in sorted)
            {
                if (t.Begin < expected)
                    return Malformed(t.HeaderOffset, $"tensor '{t.Name}' (data_offsets [{t.Begin}, {t.End}]) overlaps tensor '{previous!.Name}' (data_offsets [{previous.Begin}, {previous.End}])", t.Name);
                if (t.Begin > expected)
                    return Malformed(t.HeaderOffset, $"tensor '{t.Name}' starts at data offset {t.Begin}, leaving bytes {expected}..{t.Begin - 1} of the data buffer unused", t.Name);
                expected = t.End;
                previous = t;
            }

            if (expected != dataLength)
                return Malformed(PrefixLength, $"the tensors cover {expected} bytes of the data buffer but it holds {dataLength} (the file has trailing bytes)");
            return null;
        }

        private static bool Fail(out SafetensorsError error, long offset, string message, string? tensor)
        {
            error = Malformed(offset, message, tensor);
            return false;
        }

        private static SafetensorsError FromReader(StrictJsonReader reader) =>
            Malformed(reader.ErrorOffset, "invalid JSON header: " + (reader.Error ?? "unknown error"));

        private static SafetensorsError Malformed(long offset, string message, string? tensor = null) =>
            new SafetensorsError(SafetensorsErrorKind.Malformed, message, offset, tensor);
    }
}
