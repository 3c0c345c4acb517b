using System;
using NetGen.TestNetworks;
using NetGen.Tests.Data;
using NetGen.Tests.Training;

namespace NetGen.Tests.RoundTrip;

/// <summary>
/// A <see cref="DigitsNet"/> trained on the bundled digits and saved with its standardizer, once for all round-trip tests:
/// the user's path from data to a shipped weight file.
/// </summary>
public sealed class TrainedDigitsModel : IDisposable
{
    private readonly TempDirectory _directory = new();

    public TrainedDigitsModel()
    {
        Dataset data = BundledData.Digits();
        (Dataset train, Dataset test) = data.Split(0.8, seed: 1);
        RawTest = data.Split(0.8, seed: 1).Second; // the same split again, left unstandardised: what arrives at inference
        Standardizer = Standardizer.Fit(train);
        Standardizer.Apply(train);
        Standardizer.Apply(test);
        Test = test;
        Network = new DigitsNet(1);
        Network.Fit(train, new TrainingOptions { Epochs = 15, BatchSize = 32, Optimizer = new Adam(0.002f), Seed = 1 });
        Path = _directory.File("digits.safetensors");
        Network.Save(Path, Standardizer);
    }

    public DigitsNet Network { get; }

    public Standardizer Standardizer { get; }

    /// <summary>The test split, standardised with <see cref="Standardizer"/>.</summary>
    public Dataset Test { get; }

    /// <summary>The same test examples as read from the CSV file.</summary>
    public Dataset RawTest { get; }

    /// <summary>The saved weight file.</summary>
    public string Path { get; }

    /// <summary>A file beside the saved one, for variants a test writes.</summary>
    public string File(string name) => _directory.File(name);

    /// <summary><paramref name="network"/>'s outputs for every example of <paramref name="data"/>, row after row.</summary>
    public static float[] Outputs(INetwork network, Dataset data)
    {
        var outputs = new float[data.Count * network.OutputSize];
        network.ForwardBatch(data.AllFeatures, outputs, data.Count);
        return outputs;
    }

    public void Dispose() => _directory.Dispose();
}
