using System;
using System.Collections.Generic;

namespace NetGen.Onnx
{
    // The parsed subset of onnx.proto that a dense network can use. Fields NetGen never needs (doc strings, nested
    // graphs, sparse tensors, training info, functions) are skipped by the parser and have no place here.

    /// <summary>A <c>ModelProto</c>: IR version, opsets, metadata and the main graph.</summary>
    internal sealed class OnnxModel
    {
        public long IrVersion { get; set; }

        /// <summary>Opset version per domain (<c>""</c> and <c>"ai.onnx"</c> are the default domain).</summary>
        public Dictionary<string, long> Opsets { get; } = new();

        public Dictionary<string, string> Metadata { get; } = new();

        public string ProducerName { get; set; } = "";

        public OnnxGraph? Graph { get; set; }
    }

    /// <summary>A <c>GraphProto</c>.</summary>
    internal sealed class OnnxGraph
    {
        /// <summary>File offset of the model's <c>graph</c> field, which messages about the graph as a whole name.</summary>
        public int Offset { get; set; }

        public List<OnnxNode> Nodes { get; } = new();

        public Dictionary<string, OnnxTensor> Initializers { get; } = new();

        public List<OnnxValueInfo> Inputs { get; } = new();

        public List<OnnxValueInfo> Outputs { get; } = new();
    }

    /// <summary>A <c>NodeProto</c>; <see cref="Index"/> is its position in the graph, as error messages name it.</summary>
    internal sealed class OnnxNode
    {
        public int Index { get; set; }

        public string OpType { get; set; } = "";

        public string Domain { get; set; } = "";

        public string Name { get; set; } = "";

        // The collections are made on first add: a file of empty nodes (two bytes each) would otherwise cost three
        // empty collections per node, over 100 bytes per input byte.
        private List<string>? _inputs, _outputs;
        private Dictionary<string, OnnxAttribute>? _attributes;

        /// <summary>The inputs in order; an empty name is an optional input left out.</summary>
        public IReadOnlyList<string> Inputs => (IReadOnlyList<string>?)_inputs ?? NoNames;

        public IReadOnlyList<string> Outputs => (IReadOnlyList<string>?)_outputs ?? NoNames;

        public IReadOnlyDictionary<string, OnnxAttribute> Attributes => (IReadOnlyDictionary<string, OnnxAttribute>?)_attributes ?? NoAttributes;

        public void AddInput(string name) => (_inputs ??= new List<string>()).Add(name);

        public void AddOutput(string name) => (_outputs ??= new List<string>()).Add(name);

        /// <summary>Adds an attribute; the parser has checked that its name is new.</summary>
        public void AddAttribute(OnnxAttribute attribute) => (_attributes ??= new Dictionary<string, OnnxAttribute>(StringComparer.Ordinal)).Add(attribute.Name, attribute);

        /// <summary>The position of <paramref name="name"/> among the inputs, or -1.</summary>
        public int InputIndex(string name) => _inputs?.IndexOf(name) ?? -1;

        private static readonly string[] NoNames = new string[0];

        // Only ever read through IReadOnlyDictionary, so nothing can add to it.
        private static readonly Dictionary<string, OnnxAttribute> NoAttributes = new();

        /// <summary>
        /// How messages name the node: <c>node 3 (Gemm 'layers.0.gemm')</c>, its index in <c>GraphProto.node</c> and its
        /// operator (never empty: the parser requires one), so it can be found in a viewer such as Netron.
        /// </summary>
        public string Describe() => Name.Length > 0 ? $"node {Index} ({OpType} '{Name}')" : $"node {Index} ({OpType})";
    }

    /// <summary>An <c>AttributeProto</c> of the kinds dense operators use: a float, an int or a tensor.</summary>
    internal sealed class OnnxAttribute
    {
        public string Name { get; set; } = "";

        /// <summary>The declared <c>AttributeType</c>, or 0 when the writer left it out (IR version 1 files).</summary>
        public int Type { get; set; }

        public float? Float { get; set; }

        public long? Int { get; set; }

        public OnnxTensor? Tensor { get; set; }

        /// <summary>Whether the attribute holds a list, string, graph or other value that no dense operator takes.</summary>
        public bool HasOtherValue { get; set; }
    }

    /// <summary>A <c>TensorProto</c>. The data stays in the file buffer until <see cref="OnnxModelParser.ReadFloats"/> decodes it.</summary>
    internal sealed class OnnxTensor
    {
        public string Name { get; set; } = "";

        // Made on first add, like OnnxNode's collections.
        private List<long>? _dims;
        private List<float>? _floatData;

        public IReadOnlyList<long> Dims => (IReadOnlyList<long>?)_dims ?? NoDims;

        public void AddDim(long dim) => (_dims ??= new List<long>()).Add(dim);

        public int DataType { get; set; }

        /// <summary>The <c>raw_data</c> window in the file buffer, or length -1 when the tensor has none.</summary>
        public int RawStart { get; set; }

        public int RawLength { get; set; } = -1;

        /// <summary>Values given as <c>float_data</c> instead of <c>raw_data</c>.</summary>
        public IReadOnlyList<float> FloatData => (IReadOnlyList<float>?)_floatData ?? NoFloats;

        public void AddFloat(float value) => (_floatData ??= new List<float>()).Add(value);

        private static readonly long[] NoDims = new long[0];
        private static readonly float[] NoFloats = new float[0];

        /// <summary>Whether the tensor also had data fields of other types (int32_data, string_data, ...).</summary>
        public bool HasOtherData { get; set; }

        public bool IsExternal { get; set; }

        /// <summary>File offset of the tensor message, for error messages.</summary>
        public int Offset { get; set; }

        /// <summary>The dims as messages show them; past 8 of them only the count, so a file of a million dims gives a short message.</summary>
        public string ShapeText => Dims.Count <= 8
            ? "[" + string.Join(", ", Dims) + "]"
            : "[" + string.Join(", ", System.Linq.Enumerable.Take(Dims, 8)) + ", ... (" + Dims.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " dims)]";
    }

    /// <summary>A <c>ValueInfoProto</c> of tensor type: element type and dimensions (a value, or null for symbolic ones).</summary>
    internal sealed class OnnxValueInfo
    {
        public string Name { get; set; } = "";

        /// <summary>The element type, or 0 when the type is not a tensor or is unset.</summary>
        public int ElemType { get; set; }

        /// <summary>The dimensions, null when the shape is unknown; a null entry is a symbolic or unknown dimension.</summary>
        public List<long?>? Dims { get; set; }
    }
}
