using System;
using System.IO;
using System.Linq;
using NetGen.Tests.Data;
using NetGen.Tests.Weights;
using Xunit;

namespace NetGen.Tests.Onnx;

/// <summary>
/// Load reads the graphs that torch.onnx.export, skl2onnx and tf2onnx write for dense networks, and refuses anything
/// else by name without touching the network. The converter-shaped graphs are built here node by node as those
/// converters lay them out (skl2onnx's MLP converter: MatMul/Add per layer, ArgMax/ArrayFeatureExtractor/Cast/Reshape
/// label head, ZipMap; tf2onnx's Keras Dense: MatMul + Add named after the TensorFlow ops, Identity to the output),
/// because neither converter is installable here; the PyTorch file in PyTorchOnnxTests is the real exporter's output.
/// </summary>
public sealed class OnnxImportTests : IDisposable
{
    private const int Float = 1, Int64 = 7, Double = 11;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Value <c>seed + 0.01 i</c> for element i, so every element differs and a transposition shows.</summary>
    private static float[] Values(int count, float seed) => Enumerable.Range(0, count).Select(i => seed + 0.01f * i).ToArray();

    private static float[] Transpose(float[] m, int rows, int columns)
    {
        var t = new float[m.Length];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++) t[c * rows + r] = m[r * columns + c];
        return t;
    }

    private string Write(byte[] bytes, string name = "model.onnx")
    {
        string path = _dir.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static ParameterOnlyNetwork Net(params (int Units, Activation Activation)[] layers) => new(ParameterOnlyNetwork.Describe(4, layers), seed: 5);

    /// <summary>skl2onnx MLPClassifier (4 features, 6 relu units, 3 classes) with its label head and ZipMap.</summary>
    public static byte[] Skl2OnnxClassifier(bool zipMap = true)
    {
        var g = new OnnxBytes(13).Opset("ai.onnx.ml", 1)
            .Input("X", Float, null, 4L)
            .Initializer("coefficient", new long[] { 4, 6 }, Values(24, 0.1f))
            .Initializer("intercepts", new long[] { 1, 6 }, Values(6, -0.2f))
            .Initializer("coefficient1", new long[] { 6, 3 }, Values(18, -0.3f))
            .Initializer("intercepts1", new long[] { 1, 3 }, Values(3, 0.05f))
            .RawInitializer("classes", new long[] { 3 }, Int64, new byte[24])
            .RawInitializer("shape_tensor", new long[] { 1 }, Int64, BitConverter.GetBytes(-1L))
            .Node("MatMul", new[] { "X", "coefficient" }, new[] { "mul_result" }, "MatMul")
            .Node("Add", new[] { "mul_result", "intercepts" }, new[] { "add_result" }, "Add")
            .Node("Relu", new[] { "add_result" }, new[] { "next_activations" }, "Relu")
            .Node("MatMul", new[] { "next_activations", "coefficient1" }, new[] { "mul_result1" }, "MatMul1")
            .Node("Add", new[] { "mul_result1", "intercepts1" }, new[] { "add_result1" }, "Add1")
            .Node("Softmax", new[] { "add_result1" }, new[] { "out_activations_result" }, "Softmax", "", ("axis", 1L))
            .Node("ArgMax", new[] { "out_activations_result" }, new[] { "argmax_output" }, "ArgMax", "", ("axis", 1L))
            .Node("ArrayFeatureExtractor", new[] { "classes", "argmax_output" }, new[] { "array_feature_extractor_result" }, "ArrayFeatureExtractor", "ai.onnx.ml")
            .Node("Cast", new[] { "array_feature_extractor_result" }, new[] { "cast2_result" }, "Cast", "", ("to", 7L))
            .Node("Reshape", new[] { "cast2_result", "shape_tensor" }, new[] { "reshaped_result" }, "Reshape")
            .Node("Cast", new[] { "reshaped_result" }, new[] { "label" }, "Cast1", "", ("to", 7L))
            .Output("label", Int64, (object?)null);
        if (zipMap)
            g.Node("ZipMap", new[] { "out_activations_result" }, new[] { "output_probability" }, "ZipMap", "ai.onnx.ml").SequenceOutput("output_probability");
        else
            g.Node("Identity", new[] { "out_activations_result" }, new[] { "probabilities" }, "Identity").Output("probabilities", Float, null, 3L);
        return g.Build();
    }

    private static void AssertSkl2OnnxParameters(ParameterOnlyNetwork net)
    {
        float[] p = net.Parameters.ToArray();
        Assert.Equal(Transpose(Values(24, 0.1f), 4, 6), p[..24]);
        Assert.Equal(Values(6, -0.2f), p[24..30]);
        Assert.Equal(Transpose(Values(18, -0.3f), 6, 3), p[30..48]);
        Assert.Equal(Values(3, 0.05f), p[48..51]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Skl2OnnxMlpClassifierLoads(bool zipMap)
    {
        ParameterOnlyNetwork net = Net((6, Activation.Relu), (3, Activation.Softmax));
        net.Load(Write(Skl2OnnxClassifier(zipMap)));
        AssertSkl2OnnxParameters(net);
    }

    [Fact]
    public void Skl2OnnxMlpRegressorLoads()
    {
        byte[] bytes = new OnnxBytes(13)
            .Input("X", Float, null, 4L)
            .Initializer("coefficient", new long[] { 4, 5 }, Values(20, 0.1f))
            .Initializer("intercepts", new long[] { 1, 5 }, Values(5, 0.2f))
            .Initializer("coefficient1", new long[] { 5, 1 }, Values(5, 0.3f))
            .Initializer("intercepts1", new long[] { 1, 1 }, Values(1, 0.4f))
            .Node("MatMul", new[] { "X", "coefficient" }, new[] { "mul_result" })
            .Node("Add", new[] { "mul_result", "intercepts" }, new[] { "add_result" })
            .Node("Tanh", new[] { "add_result" }, new[] { "next_activations" })
            .Node("MatMul", new[] { "next_activations", "coefficient1" }, new[] { "mul_result1" })
            .Node("Add", new[] { "mul_result1", "intercepts1" }, new[] { "variable" })
            .Output("variable", Float, null, 1L)
            .Build();
        ParameterOnlyNetwork net = Net((5, Activation.Tanh), (1, Activation.Identity));
        net.Load(Write(bytes));
        float[] p = net.Parameters.ToArray();
        Assert.Equal(Transpose(Values(20, 0.1f), 4, 5), p[..20]);
        Assert.Equal(Values(5, 0.2f), p[20..25]);
        Assert.Equal(Values(5, 0.3f), p[25..30]);
        Assert.Equal(0.4f, p[30]);
    }

    [Fact]
    public void Tf2OnnxKerasDenseLoads()
    {
        byte[] bytes = new OnnxBytes(15)
            .Input("dense_input", Float, "unk__6", 4L)
            .Initializer("sequential/dense/MatMul/ReadVariableOp:0", new long[] { 4, 6 }, Values(24, 0.1f))
            .Initializer("sequential/dense/BiasAdd/ReadVariableOp:0", new long[] { 6 }, Values(6, -0.2f))
            .Initializer("sequential/dense_1/MatMul/ReadVariableOp:0", new long[] { 6, 3 }, Values(18, -0.3f))
            .Initializer("sequential/dense_1/BiasAdd/ReadVariableOp:0", new long[] { 3 }, Values(3, 0.05f))
            .Node("MatMul", new[] { "dense_input", "sequential/dense/MatMul/ReadVariableOp:0" }, new[] { "sequential/dense/MatMul:0" }, "sequential/dense/MatMul")
            .Node("Add", new[] { "sequential/dense/MatMul:0", "sequential/dense/BiasAdd/ReadVariableOp:0" }, new[] { "sequential/dense/BiasAdd:0" }, "sequential/dense/BiasAdd")
            .Node("Relu", new[] { "sequential/dense/BiasAdd:0" }, new[] { "sequential/dense/Relu:0" }, "sequential/dense/Relu")
            .Node("MatMul", new[] { "sequential/dense/Relu:0", "sequential/dense_1/MatMul/ReadVariableOp:0" }, new[] { "sequential/dense_1/MatMul:0" }, "sequential/dense_1/MatMul")
            .Node("Add", new[] { "sequential/dense_1/MatMul:0", "sequential/dense_1/BiasAdd/ReadVariableOp:0" }, new[] { "sequential/dense_1/BiasAdd:0" }, "sequential/dense_1/BiasAdd")
            .Node("Softmax", new[] { "sequential/dense_1/BiasAdd:0" }, new[] { "sequential/dense_1/Softmax:0" }, "sequential/dense_1/Softmax")
            .Node("Identity", new[] { "sequential/dense_1/Softmax:0" }, new[] { "dense_1" }, "Identity")
            .Output("dense_1", Float, "unk__7", 3L)
            .Build();
        ParameterOnlyNetwork net = Net((6, Activation.Relu), (3, Activation.Softmax));
        net.Load(Write(bytes));
        AssertSkl2OnnxParameters(net);
    }

    /// <summary>Gemm without transB, alpha and beta folded in, a Constant-node weight, float_data, Flatten/Dropout/Identity no-ops.</summary>
    [Fact]
    public void GemmVariantsAndNoOpsLoad()
    {
        byte[] bytes = new OnnxBytes(11)
            .Input("x", Float, "batch", 4L)
            .Initializer("B", new long[] { 4, 2 }, Values(8, 1f), raw: false)
            .Initializer("C", new long[] { 1, 2 }, new[] { 1f, 2f })
            .Node("Flatten", new[] { "x" }, new[] { "flat" }, "", "", ("axis", 1L))
            .Node("Constant", Array.Empty<string>(), new[] { "W2" }, "", "", ("value", (new long[] { 3, 2 }, Values(6, 0.5f))))
            .Node("Gemm", new[] { "flat", "B", "C" }, new[] { "h" }, "", "", ("alpha", 2f), ("beta", 0.5f))
            .Node("Elu", new[] { "h" }, new[] { "e" }, "", "", ("alpha", 0.7f))
            .Node("Dropout", new[] { "e" }, new[] { "d" })
            .Node("Gemm", new[] { "d", "W2" }, new[] { "z" }, "", "", ("transB", 1L))
            .Node("Sigmoid", new[] { "z" }, new[] { "s" })
            .Node("Identity", new[] { "s" }, new[] { "y" })
            .Output("y", Float, "batch", 3L)
            .Build();
        var net = new ParameterOnlyNetwork(new NetworkArchitecture(4, Loss.BinaryCrossEntropy,
            new LayerInfo(4, 2, Activation.Elu, 0.7f, 0, 0), new LayerInfo(2, 3, Activation.Sigmoid, 0, 0, 10)));
        net.Load(Write(bytes));
        float[] p = net.Parameters.ToArray();
        Assert.Equal(Transpose(Values(8, 1f), 4, 2).Select(v => 2 * v).ToArray(), p[..8]);
        Assert.Equal(new[] { 0.5f, 1f }, p[8..10]);
        Assert.Equal(Values(6, 0.5f), p[10..16]);
        Assert.Equal(new float[3], p[16..19]);
    }

    private void AssertRefused(ParameterOnlyNetwork net, byte[] bytes, params string[] fragments)
    {
        string path = Write(bytes);
        float[] before = net.Parameters.ToArray();
        var e = Assert.Throws<InvalidDataException>(() => net.Load(path));
        Assert.StartsWith(path + ": ", e.Message);
        foreach (string fragment in fragments) Assert.Contains(fragment, e.Message);
        Assert.Equal(before, net.Parameters.ToArray());
    }

    /// <summary>A dense chain of <paramref name="layers"/> Gemm+Relu layers of 4 units (the last one Softmax), then <paramref name="extra"/>.</summary>
    private static OnnxBytes Chain(int layers, Action<OnnxBytes, string>? extra = null)
    {
        var g = new OnnxBytes(13).Input("x", Float, "N", 4L);
        string current = "x";
        for (int i = 0; i < layers; i++)
        {
            g.Initializer($"w{i}", new long[] { 4, 4 }, Values(16, i)).Initializer($"b{i}", new long[] { 4 }, Values(4, i));
            g.Node("Gemm", new[] { current, $"w{i}", $"b{i}" }, new[] { $"z{i}" }, "", "", ("transB", 1L));
            g.Node(i == layers - 1 ? "Softmax" : "Relu", new[] { $"z{i}" }, new[] { $"a{i}" }, "", "", i == layers - 1 ? new[] { ("axis", (object)1L) } : Array.Empty<(string, object)>());
            current = $"a{i}";
        }

        if (extra is null) g.Output(current, Float, "N", 4L);
        else extra(g, current);
        return g;
    }

    [Fact]
    public void ChainHelperLoads()
    {
        ParameterOnlyNetwork net = Net((4, Activation.Relu), (4, Activation.Relu), (4, Activation.Relu), (4, Activation.Softmax));
        net.Load(Write(Chain(4).Build()));
        Assert.Equal(Values(16, 3f), net.Parameters.Slice(60, 16).ToArray());
    }

    [Fact]
    public void ConvIsRefusedByName()
    {
        // Nodes 0-5 are three Gemm+activation pairs, 6 a Relu-free Identity; node 7 is the Conv.
        byte[] bytes = Chain(3, (g, current) => g
            .Node("Identity", new[] { current }, new[] { "i" })
            .Node("Conv", new[] { "i", "w0" }, new[] { "c" }, "conv1")
            .Output("c", Float, "N", 4L)).Build();
        AssertRefused(Net((4, Activation.Relu), (4, Activation.Relu), (4, Activation.Softmax)), bytes, "node 7 (Conv 'conv1'): Conv is not a dense-network operator");
    }

    [Fact]
    public void WrongShapeMissingAndExtraLayersAreRefused()
    {
        byte[] bytes = Chain(2).Build();
        AssertRefused(Net((5, Activation.Relu), (4, Activation.Softmax)), bytes, "Dense layer 0 needs [5, 4]", "[4, 4]");
        AssertRefused(Net((4, Activation.Relu), (4, Activation.Relu), (4, Activation.Softmax)), bytes, "holds 2 Dense layers", "declares 3");
        AssertRefused(Net((4, Activation.Softmax)), bytes, "holds 2 Dense layers", "declares 1");
    }

    [Fact]
    public void WrongActivationIsRefused() =>
        AssertRefused(Net((4, Activation.Tanh), (4, Activation.Softmax)), Chain(2).Build(), "Dense layer 0", "applies Relu but the network declares Tanh");

    [Fact]
    public void DoubleWeightsAreRefused()
    {
        byte[] bytes = new OnnxBytes().Input("x", Float, "N", 4L).RawInitializer("w", new long[] { 4, 4 }, Double, new byte[128])
            .Node("MatMul", new[] { "x", "w" }, new[] { "y" }).Output("y", Float, "N", 4L).Build();
        AssertRefused(Net((4, Activation.Identity)), bytes, "tensor 'w' has data type DOUBLE");
    }

    [Fact]
    public void BranchesAndOddPlacementsAreRefused()
    {
        ParameterOnlyNetwork net = Net((4, Activation.Relu), (4, Activation.Softmax));
        AssertRefused(net, Chain(1, (g, c) => g.Node("Tanh", new[] { "z0" }, new[] { "t" }).Output("t", Float)).Build(), "does not take 'a0'", "branches");
        AssertRefused(net, Chain(2, (g, c) => g.Node("Relu", new[] { c }, new[] { "r" }).Output("r", Float)).Build(), "Relu follows Softmax directly");
        AssertRefused(net, Chain(2, (g, c) => g.Node("Add", new[] { c, c }, new[] { "r" }).Output("r", Float)).Build(), "takes 'a1' twice");
        AssertRefused(net, new OnnxBytes().Input("x", Float, "N", 4L).Node("Relu", new[] { "x" }, new[] { "y" }).Output("y", Float).Build(), "Relu comes before any Gemm or MatMul");
        AssertRefused(net, Chain(2, (g, c) => g.Output("elsewhere", Float)).Build(), "the dense chain ends at tensor 'a1', which is not a graph output");
        AssertRefused(net, new OnnxBytes().Input("x", Float, "N", 4L).Input("y", Float, "N", 4L).Build(), "the graph has 2 inputs");
        AssertRefused(net, new OnnxBytes().Input("x", Float, "N", 1L, 2L, 2L).Build(), "input 'x' has 4 dimensions");
        AssertRefused(net, Chain(2, (g, c) => g.Node("Gemm", new[] { c, "w0" }, new[] { "g" }, "", "", ("transA", 1L)).Output("g", Float)).Build(), "transA");
        AssertRefused(net, Chain(2, (g, c) => g.Node("Softmax", new[] { "x" }, new[] { "s" }, "", "", ("axis", 0L)).Output("s", Float)).Build(), "Softmax");
        AssertRefused(net, Chain(1, (g, c) => g.Node("Gemm", new[] { c, "w0", "b0" }, new[] { "g" }, "", "", ("transB", 1L), ("unknown", 1L)).Output("g", Float)).Build(), "attribute 'unknown'");
        AssertRefused(net, new OnnxBytes().Input("x", Float, "N", 4L).Node("Relu", new[] { "x" }, new[] { "y" }, "", "com.microsoft").Output("y", Float).Build(), "from domain 'com.microsoft' is not a dense-network operator");
    }

    [Fact]
    public void MalformedProtobufIsRefusedWithItsOffset()
    {
        ParameterOnlyNetwork net = Net((4, Activation.Relu), (4, Activation.Softmax));
        byte[] valid = Chain(2).Build();
        AssertRefused(net, valid[..(valid.Length - 5)], "byte ");
        AssertRefused(net, Array.Empty<byte>(), "no ir_version");
        AssertRefused(net, new byte[] { 0x08, 0x07, 0x3A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, "byte 3: a field claims 4294967295 bytes");
        AssertRefused(net, System.Text.Encoding.UTF8.GetBytes("{\"not\": \"onnx\"}"), "byte 0");
    }
}
