using System;

namespace NetGen.Onnx
{
    /// <summary>What kind of problem an ONNX file has; the generator maps each kind to its own diagnostic.</summary>
    internal enum OnnxErrorKind
    {
        /// <summary>The bytes are not a well-formed ONNX protobuf, or the graph is inconsistent.</summary>
        Malformed,
        /// <summary>The graph uses an operator, attribute or data layout outside the dense-network subset.</summary>
        Unsupported,
        /// <summary>The file has fewer Dense layers than the network.</summary>
        MissingLayer,
        /// <summary>The file has more Dense layers than the network.</summary>
        ExtraLayer,
        /// <summary>A layer's weight or bias shape differs from the declared layer.</summary>
        WrongShape,
        /// <summary>A tensor's element type is not FLOAT.</summary>
        WrongDType,
        /// <summary>A layer's activation (or its alpha) differs from the declared layer.</summary>
        WrongActivation,
    }

    /// <summary>
    /// One problem found in an ONNX file. Like <c>SafetensorsError</c> it is a value, so the generator can turn it into a
    /// diagnostic; the runtime wraps it in <c>InvalidDataException</c>.
    /// </summary>
    internal sealed class OnnxError
    {
        public OnnxError(OnnxErrorKind kind, string message)
        {
            Kind = kind;
            Message = message;
        }

        public OnnxErrorKind Kind { get; }

        /// <summary>
        /// A sentence naming where the problem is: the byte offset for the wire format, a tensor, or the graph as a whole
        /// (<c>byte 57 (the graph): ...</c>), else the node (<c>node 3 (Gemm '/0/Gemm') ...</c>) or the graph input or
        /// output (<c>graph input 'x' ...</c>). It does not name the file (the caller knows it). The fuzz suites hold every
        /// message to these forms (tests/fuzz/NetGen.Fuzz/ContractCheck.cs).
        /// </summary>
        public string Message { get; }

        public override string ToString() => Message;
    }

    /// <summary>Carries an <see cref="OnnxError"/> out of the recursive parser to its entry point, which returns it as a value.</summary>
    internal sealed class OnnxFormatException : Exception
    {
        public OnnxFormatException(OnnxErrorKind kind, string message)
            : base(message)
        {
            Error = new OnnxError(kind, message);
        }

        public OnnxError Error { get; }
    }
}
