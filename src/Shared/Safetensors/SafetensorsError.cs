namespace NetGen.Safetensors
{
    /// <summary>What kind of problem a safetensors file has; the generator maps each kind to its own diagnostic.</summary>
    internal enum SafetensorsErrorKind
    {
        /// <summary>The bytes do not form a valid safetensors file (length prefix, JSON, offsets, dtype sizes).</summary>
        Malformed,
        /// <summary>A tensor the network needs is absent.</summary>
        MissingTensor,
        /// <summary>A tensor the network has no place for is present.</summary>
        ExtraTensor,
        /// <summary>A tensor's shape differs from the layer's.</summary>
        WrongShape,
        /// <summary>A tensor's element type is not F32.</summary>
        WrongDType,
        /// <summary>A tensor holds NaN or an infinity.</summary>
        NonFiniteValue,
    }

    /// <summary>
    /// One problem found in a safetensors file. The parser reports problems as values rather than exceptions because the
    /// generator must turn them into diagnostics; the runtime wraps them in <c>InvalidDataException</c>.
    /// </summary>
    internal sealed class SafetensorsError
    {
        public SafetensorsError(SafetensorsErrorKind kind, string message, long byteOffset, string? tensorName = null)
        {
            Kind = kind;
            Message = message;
            ByteOffset = byteOffset;
            TensorName = tensorName;
        }

        public SafetensorsErrorKind Kind { get; }

        /// <summary>A sentence that names the tensor, expected and actual values; it does not name the file (the caller knows it).</summary>
        public string Message { get; }

        /// <summary>Offset in the file (from its first byte) where the problem is, or -1 when it has no single place.</summary>
        public long ByteOffset { get; }

        /// <summary>The tensor concerned, if any.</summary>
        public string? TensorName { get; }

        /// <summary>The message with its location, e.g. <c>byte 42: ...</c>.</summary>
        public override string ToString() => ByteOffset >= 0 ? $"byte {ByteOffset}: {Message}" : Message;
    }
}
