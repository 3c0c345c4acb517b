using System;
using System.IO;
using System.Linq;
using NetGen.Tests.Data;
using NetGen.Tests.GeneratedCode;
using NetGen.Tests.Weights;
using Xunit;

namespace NetGen.Tests.Onnx;

/// <summary>Exported models run in ONNX Runtime and agree with <c>Forward</c>; the file round-trips through <c>Load</c>.</summary>
public sealed class OnnxExportTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// Every catalog network (every activation, LeakyRelu and Elu with non-default alphas, Selu, Softmax, dropout layers,
    /// wide and short rows) in ONNX Runtime at batch sizes 1 and 37. ORT's MLAS kernels sum in another order than
    /// NetGen's and have their own exp/tanh (a few ulps); each result is within <see cref="Tolerance.Forward"/> (the
    /// float summation bound) of the exact value, so the two are within twice that of each other.
    /// </summary>
    [Theory]
    [MemberData(nameof(NetworkCatalog.AllNames), MemberType = typeof(NetworkCatalog))]
    public void OnnxRuntimeAgreesWithForward(string name)
    {
        INetwork net = NetworkCatalog.Create(name);
        NetworkCatalog.Randomize(net, seed: 7);
        string path = _dir.File(name + ".onnx");
        net.SaveOnnx(path);

        foreach (int count in new[] { 1, 37 })
        {
            var random = new Random(count);
            float[] inputs = NetworkCatalog.RandomInput(count * net.InputSize, random);
            float[] actual = OnnxRuntimeRunner.Run(path, inputs, count, net.InputSize);
            Assert.Equal(count * net.OutputSize, actual.Length);
            var expected = new float[net.OutputSize];
            for (int row = 0; row < count; row++)
            {
                net.Forward(inputs.AsSpan(row * net.InputSize, net.InputSize), expected);
                for (int k = 0; k < expected.Length; k++)
                {
                    double bound = 2 * Tolerance.Forward(net.Architecture, expected[k]);
                    double difference = Math.Abs(actual[row * net.OutputSize + k] - expected[k]);
                    Assert.True(difference <= bound, $"{name} batch {count} row {row} output {k}: ONNX Runtime {actual[row * net.OutputSize + k]:R}, Forward {expected[k]:R}, difference {difference:E3} > {bound:E3}");
                }
            }
        }
    }

    [Fact]
    public void ModelDeclaresSymbolicBatchMetadataAndProducer()
    {
        var net = new NetGen.TestNetworks.LeakyReluHiddenCce(seed: 3);
        var standardizer = new Standardizer(Enumerable.Range(0, 13).Select(i => i * 0.5f).ToArray(), Enumerable.Range(0, 13).Select(i => 1 + i * 0.25f).ToArray());
        string path = _dir.File("meta.onnx");
        net.SaveOnnx(path, standardizer);

        (string producer, var metadata, string[] inputDims, string[] outputDims) = OnnxRuntimeRunner.Describe(path);
        Assert.Equal("NetGen", producer);
        Assert.Equal(new[] { "N", "13" }, inputDims);
        Assert.Equal(new[] { "N", "5" }, outputDims);
        Assert.Equal(((INetwork)net).Architecture.ToString(), metadata["netgen.architecture"]);
        Assert.Equal("LeakyRelu(0.200000003),LeakyRelu(0.200000003),Softmax", metadata["netgen.activations"]);
        Assert.Equal("false", metadata["netgen.standardizer.folded"]);
        Assert.StartsWith("0,0.5,1,", metadata["netgen.standardizer.means"]);
        Assert.StartsWith("1,1.25,1.5,", metadata["netgen.standardizer.stds"]);
    }

    /// <summary>The folded standardizer makes the model take raw features: ORT on raw x equals Forward on standardized x.</summary>
    [Fact]
    public void FoldedStandardizerTakesRawFeatures()
    {
        var net = new NetGen.TestNetworks.TanhHiddenCce(seed: 4);
        var random = new Random(5);
        var means = Enumerable.Range(0, 13).Select(_ => (float)(random.NextDouble() * 10 - 5)).ToArray();
        var stds = Enumerable.Range(0, 13).Select(_ => (float)(0.5 + random.NextDouble() * 3)).ToArray();
        var standardizer = new Standardizer(means, stds);
        string path = _dir.File("folded.onnx");
        net.SaveOnnx(path, standardizer, foldStandardizer: true);

        const int count = 37;
        float[] raw = Enumerable.Range(0, count * 13).Select(_ => (float)(random.NextDouble() * 20 - 10)).ToArray();
        float[] actual = OnnxRuntimeRunner.Run(path, raw, count, 13);
        var expected = new float[5];
        for (int row = 0; row < count; row++)
        {
            float[] x = raw.AsSpan(row * 13, 13).ToArray();
            standardizer.Apply(x);
            net.Forward(x, expected);
            for (int k = 0; k < 5; k++)
            {
                // As above, plus the Sub and Div: each correctly rounded in both, so at most one ulp of input apart,
                // which the network passes on with gain of order 1 - inside the summation bound's (1 + |y|) term.
                double bound = 2 * Tolerance.Forward(NetGen.TestNetworks.TanhHiddenCce.Architecture, expected[k]);
                Assert.True(Math.Abs(actual[row * 5 + k] - expected[k]) <= bound, $"row {row} output {k}: {actual[row * 5 + k]:R} vs {expected[k]:R}");
            }
        }

        var loaded = new NetGen.TestNetworks.TanhHiddenCce(seed: 9);
        LoadResult result = loaded.Load(path);
        Assert.Equal(net.Parameters.ToArray(), loaded.Parameters.ToArray());
        Assert.Equal(means, result.Standardizer!.Means);
        Assert.Equal(stds, result.Standardizer.StandardDeviations);
    }

    [Theory]
    [MemberData(nameof(NetworkCatalog.AllNames), MemberType = typeof(NetworkCatalog))]
    public void LoadReadsTheExportBackExactly(string name)
    {
        INetwork saved = NetworkCatalog.Create(name);
        NetworkCatalog.Randomize(saved, seed: 11);
        string path = _dir.File(name + ".onnx");
        saved.SaveOnnx(path);
        INetwork loaded = NetworkCatalog.Create(name, seed: 12);

        LoadResult result = loaded.Load(path);

        Assert.Equal(saved.Parameters.ToArray(), loaded.Parameters.ToArray());
        Assert.Null(result.Standardizer);
        Assert.Equal(saved.Architecture.ToString(), result.Architecture);
    }

    /// <summary>Export uses only INetwork and NetworkArchitecture, so a hand-written network exports like a generated one.</summary>
    [Fact]
    public void HandWrittenNetworkExports()
    {
        var net = new ParameterOnlyNetwork(ParameterOnlyNetwork.Describe(4, (6, Activation.Relu), (3, Activation.Softmax)), seed: 2);
        string path = _dir.File("hand.onnx");
        net.SaveOnnx(path);
        float[] input = { 0.5f, -1, 2, 0.25f };
        var expected = new float[3];
        net.Forward(input, expected);
        float[] actual = OnnxRuntimeRunner.Run(path, input, 1, 4);
        for (int k = 0; k < 3; k++) Assert.True(Math.Abs(expected[k] - actual[k]) <= 2 * Tolerance.Forward(net.Architecture, expected[k]));
    }

    [Fact]
    public void FailedSaveLeavesTheOldFileAndNoTemporaryFile()
    {
        var net = new NetGen.TestNetworks.ReluHiddenCce(seed: 1);
        string path = _dir.File("keep.onnx");
        net.SaveOnnx(path);
        byte[] before = File.ReadAllBytes(path);

        var wrong = new Standardizer(new float[3], new[] { 1f, 1f, 1f });
        Assert.Throws<ArgumentException>(() => net.SaveOnnx(path, wrong));
        Assert.Throws<ArgumentException>(() => net.SaveOnnx(path, null, foldStandardizer: true));
        Assert.Throws<DirectoryNotFoundException>(() => net.SaveOnnx(_dir.File("missing/dir/x.onnx")));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(new[] { "keep.onnx" }, Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName).ToArray());
    }

    [Fact]
    public void SaveReplacesAnExistingFile()
    {
        var first = new NetGen.TestNetworks.ReluHiddenCce(seed: 1);
        var second = new NetGen.TestNetworks.ReluHiddenCce(seed: 2);
        string path = _dir.File("replace.onnx");
        first.SaveOnnx(path);
        second.SaveOnnx(path);
        var loaded = new NetGen.TestNetworks.ReluHiddenCce(seed: 3);
        loaded.Load(path);
        Assert.Equal(second.Parameters.ToArray(), loaded.Parameters.ToArray());
    }
}
