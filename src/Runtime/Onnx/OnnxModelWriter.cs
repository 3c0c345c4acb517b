using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Reflection;
using NetGen.Safetensors;
using static NetGen.Onnx.OnnxSchema;

namespace NetGen.Onnx;

/// <summary>
/// Builds the ONNX model of a dense network from its public <see cref="NetworkArchitecture"/> and parameters, so
/// generated and hand-written <see cref="INetwork"/> implementations export alike.
/// </summary>
/// <remarks>
/// The graph is what <c>torch.onnx.export</c> writes for an <c>nn.Sequential</c> of <c>nn.Linear</c> layers: one
/// <c>input</c> of shape <c>[N, InputSize]</c> with a symbolic batch dimension <c>N</c>, per layer a <c>Gemm</c> with
/// <c>transB = 1</c> (the weights stay in NetGen's and PyTorch's <c>[out, in]</c> layout) followed by its activation
/// node, and one <c>output</c> of shape <c>[N, OutputSize]</c>. Identity layers get no activation node and dropout
/// none at all (it only acts in training). Tensors are stored as little-endian <c>raw_data</c>.
/// </remarks>
internal static class OnnxModelWriter
{
    public const string InputName = "input";
    public const string OutputName = "output";
    public const string BatchDimension = "N";

    // Selu's constants as ONNX writes its attribute defaults (float32 of the published alpha and lambda).
    private const float SeluAlpha = 1.67326319217681884765625f;
    private const float SeluGamma = 1.05070102214813232421875f;

    /// <summary>Writes the model to <paramref name="stream"/>; <paramref name="parameters"/> is a snapshot of the network's parameters.</summary>
    public static void Write(Stream stream, NetworkArchitecture architecture, float[] parameters, Standardizer? standardizer, bool foldStandardizer)
    {
        var model = new ProtobufWriter();
        model.WriteInt64(ModelIrVersion, IrVersion);
        model.WriteString(ModelProducerName, "NetGen");
        model.WriteString(ModelProducerVersion, ProducerVersion);
        model.WriteString(ModelDocString, "Dense network " + architecture + " exported by NetGen.");
        model.WriteMessage(ModelGraph, graph => WriteGraph(graph, architecture, parameters, foldStandardizer ? standardizer : null));
        model.WriteMessage(ModelOpsetImport, opset =>
        {
            opset.WriteString(OpsetDomain, "");
            opset.WriteInt64(OpsetVersion, OpsetVersion13);
        });
        foreach (KeyValuePair<string, string> entry in Metadata(architecture, standardizer, foldStandardizer))
        {
            model.WriteMessage(ModelMetadataProps, e =>
            {
                e.WriteString(EntryKey, entry.Key);
                e.WriteString(EntryValue, entry.Value);
            });
        }

        model.CopyTo(stream);
    }

    /// <summary>The runtime assembly's version without any source-revision suffix, e.g. <c>0.1.0</c>.</summary>
    public static string ProducerVersion
    {
        get
        {
            Assembly assembly = typeof(OnnxModelWriter).Assembly;
            string? version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            if (string.IsNullOrEmpty(version)) return assembly.GetName().Version?.ToString() ?? "0";
            int plus = version!.IndexOf('+');
            return plus >= 0 ? version.Substring(0, plus) : version;
        }
    }

    private static List<KeyValuePair<string, string>> Metadata(NetworkArchitecture architecture, Standardizer? standardizer, bool folded)
    {
        var metadata = new List<KeyValuePair<string, string>>
        {
            new(WeightFileMetadata.FormatVersionKey, WeightFileMetadata.FormatVersion),
            new(WeightFileMetadata.ArchitectureKey, architecture.ToString()),
            new(WeightFileMetadata.ActivationsKey, WeightFileMetadata.Activations(architecture)),
        };
        if (standardizer is not null)
        {
            metadata.Add(new(WeightFileMetadata.StandardizerMeansKey, WeightFileMetadata.FormatFloats(standardizer.Means)));
            metadata.Add(new(WeightFileMetadata.StandardizerStdsKey, WeightFileMetadata.FormatFloats(standardizer.StandardDeviations)));
            metadata.Add(new(StandardizerFoldedKey, folded ? "true" : "false"));
        }

        return metadata;
    }

    private static void WriteGraph(ProtobufWriter graph, NetworkArchitecture architecture, float[] parameters, Standardizer? folded)
    {
        // ONNX requires nodes in topological order; a chain is written in order.
        string current = InputName;
        int layerCount = architecture.Layers.Count;
        if (folded is not null)
        {
            var means = new float[folded.FeatureCount];
            var stds = new float[folded.FeatureCount];
            for (int i = 0; i < means.Length; i++)
            {
                means[i] = folded.Means[i];
                stds[i] = folded.StandardDeviations[i];
            }

            WriteNode(graph, "Sub", "standardizer.sub", new[] { current, "standardizer.mean" }, "standardizer.centered");
            WriteNode(graph, "Div", "standardizer.div", new[] { "standardizer.centered", "standardizer.std" }, "standardizer.output");
            current = "standardizer.output";
            WriteTensor(graph, GraphInitializer, "standardizer.mean", new long[] { means.Length }, means);
            WriteTensor(graph, GraphInitializer, "standardizer.std", new long[] { stds.Length }, stds);
        }

        for (int i = 0; i < layerCount; i++)
        {
            LayerInfo layer = architecture.Layers[i];
            string prefix = "layers." + i.ToString(CultureInfo.InvariantCulture);
            bool last = i == layerCount - 1;
            bool hasActivationNode = layer.Activation != Activation.Identity;
            string linear = last && !hasActivationNode ? OutputName : prefix + ".linear";
            WriteNode(graph, "Gemm", prefix + ".gemm", new[] { current, SafetensorsLayerResolver.WeightName(i), SafetensorsLayerResolver.BiasName(i) }, linear,
                a => WriteIntAttribute(a, "transB", 1));
            current = linear;
            if (hasActivationNode)
            {
                string output = last ? OutputName : prefix + ".output";
                WriteActivation(graph, layer, prefix, current, output);
                current = output;
            }

            WriteTensor(graph, GraphInitializer, SafetensorsLayerResolver.WeightName(i), new long[] { layer.Units, layer.Inputs }, parameters.AsSpan(layer.ParameterOffset, layer.WeightCount));
            WriteTensor(graph, GraphInitializer, SafetensorsLayerResolver.BiasName(i), new long[] { layer.Units }, parameters.AsSpan(layer.BiasOffset, layer.Units));
        }

        graph.WriteString(GraphName, "netgen");
        graph.WriteMessage(GraphInput, v => WriteValueInfo(v, InputName, architecture.InputSize));
        graph.WriteMessage(GraphOutput, v => WriteValueInfo(v, OutputName, architecture.OutputSize));
    }

    private static void WriteActivation(ProtobufWriter graph, LayerInfo layer, string prefix, string input, string output)
    {
        string name = prefix + "." + layer.Activation.ToString().ToLowerInvariant();
        string[] inputs = { input };
        switch (layer.Activation)
        {
            case Activation.Sigmoid:
            case Activation.Tanh:
            case Activation.Relu:
            case Activation.Softsign:
                WriteNode(graph, layer.Activation.ToString(), name, inputs, output);
                break;
            case Activation.LeakyRelu:
            case Activation.Elu:
                WriteNode(graph, layer.Activation.ToString(), name, inputs, output, a => WriteFloatAttribute(a, "alpha", layer.Alpha));
                break;
            case Activation.Selu:
                WriteNode(graph, "Selu", name, inputs, output, a => WriteFloatAttribute(a, "alpha", SeluAlpha), a => WriteFloatAttribute(a, "gamma", SeluGamma));
                break;
            case Activation.Softmax:
                WriteNode(graph, "Softmax", name, inputs, output, a => WriteIntAttribute(a, "axis", 1));
                break;
            default:
                throw new ArgumentException($"Layer {layer} has activation {layer.Activation}, which has no ONNX operator here.", nameof(layer));
        }
    }

    private static void WriteNode(ProtobufWriter graph, string opType, string name, string[] inputs, string output, params Action<ProtobufWriter>[] attributes)
    {
        graph.WriteMessage(GraphNode, node =>
        {
            foreach (string input in inputs) node.WriteString(NodeInput, input);
            node.WriteString(NodeOutput, output);
            node.WriteString(NodeName, name);
            node.WriteString(NodeOpType, opType);
            foreach (Action<ProtobufWriter> attribute in attributes) node.WriteMessage(NodeAttribute, attribute);
        });
    }

    private static void WriteIntAttribute(ProtobufWriter attribute, string name, long value)
    {
        attribute.WriteString(AttributeName, name);
        attribute.WriteInt64(AttributeInt, value);
        attribute.WriteInt64(AttributeType, AttributeTypeInt);
    }

    private static void WriteFloatAttribute(ProtobufWriter attribute, string name, float value)
    {
        attribute.WriteString(AttributeName, name);
        attribute.WriteFloat(AttributeFloat, value);
        attribute.WriteInt64(AttributeType, AttributeTypeFloat);
    }

    private static void WriteTensor(ProtobufWriter graph, int field, string name, long[] dims, ReadOnlySpan<float> values)
    {
        var raw = new byte[values.Length * 4];
        SafetensorsFloat32.Encode(values, raw);
        graph.WriteMessage(field, tensor =>
        {
            foreach (long dim in dims) tensor.WriteInt64(TensorDims, dim);
            tensor.WriteInt64(TensorDataType, DataTypeFloat);
            tensor.WriteString(TensorName, name);
            tensor.WriteBytes(TensorRawData, raw);
        });
    }

    private static void WriteValueInfo(ProtobufWriter valueInfo, string name, int features)
    {
        valueInfo.WriteString(ValueInfoName, name);
        valueInfo.WriteMessage(ValueInfoType, type => type.WriteMessage(TypeTensorType, tensor =>
        {
            tensor.WriteInt64(TensorTypeElemType, DataTypeFloat);
            tensor.WriteMessage(TensorTypeShape, shape =>
            {
                shape.WriteMessage(ShapeDim, d => d.WriteString(DimParam, BatchDimension));
                shape.WriteMessage(ShapeDim, d => d.WriteInt64(DimValue, features));
            });
        }));
    }
}
