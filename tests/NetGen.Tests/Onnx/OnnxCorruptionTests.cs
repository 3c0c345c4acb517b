using System;
using System.IO;
using System.Linq;
using NetGen.Tests.Data;
using NetGen.Tests.Weights;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests.Onnx;

/// <summary>
/// Damaged ONNX files: Load either succeeds or throws InvalidDataException naming the file, never touches the
/// parameters on failure, and allocates within <see cref="CorruptionCampaign.MaxBytesPerAttempt"/> (a protobuf length
/// or tensor shape that claims gigabytes is checked against the bytes that are there before anything is allocated).
/// </summary>
public sealed class OnnxCorruptionTests : IDisposable
{
    private const int Attempts = 3000;

    private readonly TempDirectory _dir = new();
    private readonly ITestOutputHelper _output;

    public OnnxCorruptionTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _dir.Dispose();

    /// <summary>NetGen's own export with a folded standardizer (Sub/Div nodes), Gemm, Elu with alpha and metadata.</summary>
    [Fact]
    public void NetGenExportWithFoldedStandardizer()
    {
        var arch = new NetworkArchitecture(3, Loss.BinaryCrossEntropy, new LayerInfo(3, 4, Activation.Elu, 0.7f, 0, 0), new LayerInfo(4, 2, Activation.Sigmoid, 0, 0, 16));
        string validPath = _dir.File("valid.onnx");
        new ParameterOnlyNetwork(arch, 1).SaveOnnx(validPath, new Standardizer(new float[] { 1, 2, 3 }, new float[] { 0.5f, 1, 2 }), foldStandardizer: true);
        Run(File.ReadAllBytes(validPath), arch, 41);
    }

    /// <summary>The skl2onnx-shaped classifier: MatMul/Add, heads in the ai.onnx.ml domain, INT64 initializers, ZipMap.</summary>
    [Fact]
    public void Skl2OnnxShapedClassifier() =>
        Run(OnnxImportTests.Skl2OnnxClassifier(), ParameterOnlyNetwork.Describe(4, (6, Activation.Relu), (3, Activation.Softmax)), 42);

    /// <summary>The real torch.onnx.export file.</summary>
    [Fact]
    public void PyTorchExport()
    {
        var arch = new NetworkArchitecture(4, Loss.CategoricalCrossEntropy,
            new LayerInfo(4, 16, Activation.Tanh, 0, 0, 0), new LayerInfo(16, 8, Activation.LeakyRelu, 0.2f, 0, 80), new LayerInfo(8, 3, Activation.Softmax, 0, 0, 216));
        Run(File.ReadAllBytes(PyTorchOnnxTests.ModelPath), arch, 43);
    }

    private void Run(byte[] valid, NetworkArchitecture arch, ulong seed)
    {
        // The valid file loads: the campaign measures damage, not a file that never worked.
        string validPath = _dir.File("valid-copy.onnx");
        File.WriteAllBytes(validPath, valid);
        new ParameterOnlyNetwork(arch).Load(validPath);
        WeightLoadCorruption.Run(valid, arch, seed, _dir, "damaged.onnx", Attempts, _output);
    }
}
