using System;
using System.Collections.Generic;
using System.IO;
using NetGen.TestNetworks;
using NetGen.Tests.Data;
using NetGen.Tests.GeneratedCode;
using Xunit;

namespace NetGen.Tests.Dynamic;

/// <summary>Weight files and the builder: what a DynamicNetwork is made from.</summary>
public class DynamicFilesAndBuilderTests
{
    [Theory]
    [MemberData(nameof(NetworkCatalog.AllNames), MemberType = typeof(NetworkCatalog))]
    public void LoadRebuildsAGeneratedNetworksFile(string name)
    {
        using var dir = new TempDirectory();
        INetwork generated = NetworkCatalog.Create(name, seed: 3);
        NetworkCatalog.Randomize(generated, seed: 4);
        string path = Path.Combine(dir.Path, "net.safetensors");
        var standardizer = new Standardizer(new float[generated.InputSize], FilledWith(generated.InputSize, 2f));
        generated.Save(path, standardizer);

        DynamicNetwork loaded = DynamicNetwork.Load(path, out LoadResult file);
        Assert.Equal(generated.Architecture, loaded.Architecture);
        Assert.Equal(generated.Parameters.ToArray(), loaded.Parameters.ToArray());
        Assert.Equal(standardizer.StandardDeviations, file.Standardizer!.StandardDeviations);

        // And back: the generated class loads what the dynamic network saves.
        string again = Path.Combine(dir.Path, "again.safetensors");
        loaded.Save(again);
        INetwork reloaded = NetworkCatalog.Create(name);
        reloaded.Load(again);
        Assert.Equal(generated.Parameters.ToArray(), reloaded.Parameters.ToArray());
    }

    [Fact]
    public void LoadReadsTheCheckedInGameAgentPolicy()
    {
        DynamicNetwork policy = DynamicNetwork.Load(Path.Combine(RepoFiles.Root, "samples", "GameAgent", "policy.safetensors"));
        Assert.Equal("6-32(Tanh)-32(Tanh)-4(Softmax) CategoricalCrossEntropy", policy.Architecture.ToString());
        Assert.Contains(policy.Parameters.ToArray(), p => p != 0f);
    }

    [Fact]
    public void FilesWithoutNetGenMetadataAreRefusedWithTheReason()
    {
        var e = Assert.Throws<InvalidDataException>(() => DynamicNetwork.Load(RepoFiles.TestData("pytorch_sequential_4_8_8_3.safetensors")));
        Assert.Contains("netgen.architecture", e.Message);
        Assert.Throws<FileNotFoundException>(() => DynamicNetwork.Load(Path.Combine(RepoFiles.Root, "no-such.safetensors")));
    }

    [Theory]
    [InlineData("4-3(Softmax)", "no loss")]
    [InlineData("4-3(Softmaxx) CategoricalCrossEntropy", "activation 'Softmaxx'")]
    [InlineData("4-0(Tanh) MeanSquaredError", "0 units")]
    [InlineData("x-3(Tanh) MeanSquaredError", "input size")]
    [InlineData("4-3(Tanh) Auto", "loss 'Auto'")]
    [InlineData("4-3(Tanh)[dropout x] MeanSquaredError", "dropout rate")]
    [InlineData("4-3(Tanh) CategoricalCrossEntropy", "cannot build")]
    [InlineData("4-3(Tanh)-2(Tanh)[dropout 0.5] MeanSquaredError", "cannot build")]
    public void BadArchitectureMetadataIsRefused(string text, string reason)
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "bad.safetensors");
        using (FileStream stream = File.Create(path))
        {
            SafetensorsWriter.Write(stream, new List<(string, long[], float[])>
            {
                ("layers.0.weight", new long[] { 3, 4 }, new float[12]), ("layers.0.bias", new long[] { 3 }, new float[3]),
            }, new Dictionary<string, string> { ["netgen.architecture"] = text });
        }

        var e = Assert.Throws<InvalidDataException>(() => DynamicNetwork.Load(path));
        Assert.Contains(reason, e.Message);
    }

    [Theory]
    [MemberData(nameof(NetworkCatalog.AllNames), MemberType = typeof(NetworkCatalog))]
    public void ArchitectureTextRoundTrips(string name)
    {
        NetworkArchitecture architecture = NetworkCatalog.Create(name).Architecture;
        Assert.Equal(architecture, ArchitectureText.Parse(architecture.ToString(), out string? problem));
        Assert.Null(problem);
    }

    [Fact]
    public void BuilderMakesTheGeneratedArchitecture()
    {
        Assert.Equal(DropoutRegressor.Architecture,
            DynamicNetwork.Builder(11).Dense(19, Activation.Sigmoid).Dropout(0.25f).Dense(7, Activation.Elu, alpha: 0.5f).Dense(3).ToArchitecture());
        Assert.Equal(DropoutClassifier.Architecture,
            new NetworkBuilder(13).Dense(17, Activation.Relu).Dropout(0.3f).Dense(9, Activation.Tanh).Dropout(0.5f).Dense(5, Activation.Softmax).ToArchitecture());
        Assert.Equal(InitKinds.Architecture,
            DynamicNetwork.Builder(300).Dense(200, Activation.Tanh, init: Init.Normal).Dense(150, Activation.Relu, init: Init.LeCun)
                .Dense(100, Activation.Tanh, init: Init.Xavier).Dense(50, init: Init.He).ToArchitecture());
        Assert.Equal(DefaultAlphas.Architecture.Layers[0].Alpha, DynamicNetwork.Builder(1).Dense(1, DefaultAlphas.Architecture.Layers[0].Activation).ToArchitecture().Layers[0].Alpha);
    }

    [Fact]
    public void BuilderAndConstructorRejectWhatTheGeneratorRejects()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NetworkBuilder(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DynamicNetwork.Builder(2).Dense(0));
        Assert.Contains("[0, 1)", Assert.Throws<ArgumentException>(() => DynamicNetwork.Builder(2).Dense(3, Activation.LeakyRelu, alpha: 1f)).Message);
        Assert.Contains("no alpha", Assert.Throws<ArgumentException>(() => DynamicNetwork.Builder(2).Dense(3, Activation.Tanh, alpha: 0.5f)).Message);
        Assert.Throws<ArgumentException>(() => DynamicNetwork.Builder(2).Dense(3).Dropout(1f));
        Assert.Throws<InvalidOperationException>(() => DynamicNetwork.Builder(2).Dropout(0.5f));
        Assert.Throws<InvalidOperationException>(() => DynamicNetwork.Builder(2).Dense(3).Dropout(0.5f).Dropout(0.2f));
        Assert.Contains("Softmax", Assert.Throws<ArgumentException>(() => DynamicNetwork.Builder(2).Dense(3, Activation.Softmax).Dense(2)).Message);
        Assert.Contains("hidden layers only", Assert.Throws<InvalidOperationException>(() => DynamicNetwork.Builder(2).Dense(3).Dropout(0.5f).ToArchitecture()).Message);
        Assert.Contains("needs a Softmax", Assert.Throws<InvalidOperationException>(() => DynamicNetwork.Builder(2).Dense(3).WithLoss(Loss.CategoricalCrossEntropy).Build()).Message);
        Assert.Throws<InvalidOperationException>(() => DynamicNetwork.Builder(2).ToArchitecture());

        // Hand-made architectures go through the same rules.
        var hiddenSoftmax = new NetworkArchitecture(2, Loss.MeanSquaredError,
            new LayerInfo(2, 3, Activation.Softmax, 0f, 0f, 0), new LayerInfo(3, 1, Activation.Identity, 0f, 0f, 9));
        Assert.Contains("hidden layer with Softmax", Assert.Throws<ArgumentException>(() => new DynamicNetwork(hiddenSoftmax)).Message);
        var wrongLoss = new NetworkArchitecture(2, Loss.BinaryCrossEntropy, new LayerInfo(2, 1, Activation.Tanh, 0f, 0f, 0));
        Assert.Contains("needs a Sigmoid", Assert.Throws<ArgumentException>(() => new DynamicNetwork(wrongLoss)).Message);
    }

    private static float[] FilledWith(int count, float value)
    {
        var values = new float[count];
        Array.Fill(values, value);
        return values;
    }
}
