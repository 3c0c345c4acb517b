using System;
using System.IO;
using System.Linq;
using NetGen.TestNetworks;
using Xunit;

namespace NetGen.Tests.RoundTrip;

/// <summary>Train a generated network on digits, save it with its standardizer, load it into a fresh instance: nothing changes.</summary>
public class DigitsRoundTripTests(TrainedDigitsModel model) : IClassFixture<TrainedDigitsModel>
{
    [Fact]
    public void TheSavedModelIsATrainedOne()
    {
        // Without this, a round trip of an untrained (or broken) network would pass the identity checks below just as well.
        Assert.True(model.Network.Evaluate(model.Test).Accuracy >= 0.95);
    }

    [Fact]
    public void AFreshInstanceLoadsIdenticalParametersAndGivesIdenticalOutputs()
    {
        var loaded = new DigitsNet(99);
        Assert.NotEqual(model.Network.Parameters.ToArray(), loaded.Parameters.ToArray());

        LoadResult result = loaded.Load(model.Path);

        Assert.Equal(model.Network.Parameters.ToArray(), loaded.Parameters.ToArray());
        Assert.Equal(TrainedDigitsModel.Outputs(model.Network, model.Test), TrainedDigitsModel.Outputs(loaded, model.Test));
        for (int i = 0; i < model.Test.Count; i++) Assert.Equal(model.Network.Classify(model.Test.Features(i)), loaded.Classify(model.Test.Features(i)));
        Assert.Equal(DigitsNet.Architecture.ToString(), result.Architecture);
        Assert.False(result.UsedPyTorchNames);
    }

    [Fact]
    public void TheLoadedStandardizerEqualsTheSavedOne()
    {
        Standardizer? loaded = new DigitsNet().Load(model.Path).Standardizer;

        Assert.NotNull(loaded);
        Assert.Equal(model.Standardizer.Means, loaded.Means);
        Assert.Equal(model.Standardizer.StandardDeviations, loaded.StandardDeviations);
    }

    [Fact]
    public void RawInputsThroughTheLoadedStandardizerAndNetworkGiveTheTrainingTimePredictions()
    {
        // What a shipped application does: read raw pixels, apply the file's standardizer, run the file's weights.
        var loaded = new DigitsNet();
        Standardizer standardizer = loaded.Load(model.Path).Standardizer!;
        var features = new float[DigitsNet.InputSize];
        var expected = new float[DigitsNet.OutputSize];
        var actual = new float[DigitsNet.OutputSize];
        for (int i = 0; i < model.RawTest.Count; i++)
        {
            model.RawTest.Features(i).CopyTo(features);
            standardizer.Apply(features);
            Assert.Equal(model.Test.Features(i).ToArray(), features);
            model.Network.Forward(model.Test.Features(i), expected);
            loaded.Forward(features, actual);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void SavingTheLoadedModelAgainWritesTheSameBytes()
    {
        var loaded = new DigitsNet();
        Standardizer standardizer = loaded.Load(model.Path).Standardizer!;
        string again = model.File("saved-again.safetensors");

        loaded.Save(again, standardizer);

        Assert.Equal(File.ReadAllBytes(model.Path), File.ReadAllBytes(again));
    }

    /// <summary>Bad files for <see cref="DigitsNet"/>, each with a fragment its error message must contain.</summary>
    public static TheoryData<string> BadFiles => new()
    {
        "iris-architecture",
        "tanh-activations",
        "truncated-to-0",
        "truncated-in-length-prefix",
        "truncated-in-header",
        "truncated-after-header",
        "truncated-in-data",
        "truncated-by-one-byte",
        "nan-weight",
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void AFailedLoadLeavesTheTrainedParametersUntouched(string variant)
    {
        string path = model.File(variant + ".safetensors");
        string expected = WriteBadFile(variant, path);
        var network = new DigitsNet();
        network.Load(model.Path);
        float[] before = network.Parameters.ToArray();

        var e = Assert.Throws<InvalidDataException>(() => network.Load(path));

        Assert.Contains(path, e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Equal(before, network.Parameters.ToArray());
        Assert.Equal(TrainedDigitsModel.Outputs(model.Network, model.Test), TrainedDigitsModel.Outputs(network, model.Test));
    }

    [Fact]
    public void AMissingFileLeavesTheTrainedParametersUntouched()
    {
        var network = new DigitsNet();
        network.Load(model.Path);
        float[] before = network.Parameters.ToArray();

        Assert.Throws<FileNotFoundException>(() => network.Load(model.File("missing.safetensors")));

        Assert.Equal(before, network.Parameters.ToArray());
    }

    /// <summary>Writes <paramref name="variant"/> to <paramref name="path"/>; returns a fragment the load error must contain.</summary>
    private string WriteBadFile(string variant, string path)
    {
        byte[] good = File.ReadAllBytes(model.Path);
        int dataStart = 8 + (int)BitConverter.ToInt64(good, 0);
        switch (variant)
        {
            case "iris-architecture":
                new IrisNet(1).Save(path);
                return "Dense layer 0 needs [64, 64]";
            case "tanh-activations":
                // Same tensor names and shapes as DigitsNet's: only the recorded activations differ.
                new DigitsTanhNet(1).Save(path);
                return "activations";
            case "nan-weight":
                byte[] nan = (byte[])good.Clone();
                BitConverter.TryWriteBytes(nan.AsSpan(nan.Length - 4), float.NaN);
                File.WriteAllBytes(path, nan);
                return "is NaN";
        }

        (int length, string fragment) = variant switch
        {
            "truncated-to-0" => (0, "too short for the 8-byte header length"),
            "truncated-in-length-prefix" => (5, "too short for the 8-byte header length"),
            "truncated-in-header" => (dataStart / 2, $"but only {dataStart / 2 - 8} bytes follow the length prefix"),
            "truncated-after-header" => (dataStart, "beyond the 0-byte data buffer"),
            "truncated-in-data" => (dataStart + (good.Length - dataStart) / 2, $"beyond the {(good.Length - dataStart) / 2}-byte data buffer"),
            "truncated-by-one-byte" => (good.Length - 1, $"beyond the {good.Length - dataStart - 1}-byte data buffer"),
            _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "no such bad file"),
        };
        File.WriteAllBytes(path, good.AsSpan(0, length).ToArray());
        return fragment;
    }
}
