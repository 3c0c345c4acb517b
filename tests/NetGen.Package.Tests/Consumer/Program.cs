// The README's tour as a user writes it in a fresh `dotnet new console` project that references the NetGen package.
// The package test copies this file over the template's Program.cs and checks every line it prints; the same lines
// must come out of the JIT build and the NativeAOT binary.
using System;
using System.Globalization;
using System.IO;
using NetGen;

Dataset iris = Dataset.FromCsv(Path.Combine(AppContext.BaseDirectory, "iris.csv"), targetColumn: "species");
(Dataset train, Dataset test) = iris.Split(0.8, seed: 1);
Standardizer standardizer = Standardizer.Fit(train);
standardizer.Apply(train);
standardizer.Apply(test);

var net = new IrisNet(seed: 1);
TrainingHistory history = net.Fit(train, new TrainingOptions
{
    Epochs = 60, BatchSize = 16, Optimizer = new Adam(0.01f), Seed = 1,
});
Evaluation evaluation = net.Evaluate(test);
Console.WriteLine($"epochs: {history.Count}");
Console.WriteLine($"test accuracy: {evaluation.Accuracy!.Value.ToString("F4", CultureInfo.InvariantCulture)}");

// The first run is given a path in the project folder: the second build bakes that file in (Baked.cs).
string weightsPath = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "netgen-consumer-" + Guid.NewGuid().ToString("N") + ".safetensors");
net.Save(weightsPath, standardizer);
var loaded = new IrisNet();
LoadResult file = loaded.Load(weightsPath);
if (args.Length == 0) File.Delete(weightsPath);

float[] flower = { 6.3f, 2.9f, 5.6f, 1.8f };
file.Standardizer!.Apply(flower);
float[] trainedOutput = new float[IrisNet.OutputSize];
float[] loadedOutput = new float[IrisNet.OutputSize];
net.Forward(flower, trainedOutput);
loaded.Forward(flower, loadedOutput);
Console.WriteLine($"loaded equals trained: {trainedOutput.AsSpan().SequenceEqual(loadedOutput)}");
int predicted = loaded.Classify(flower);
Console.WriteLine($"class: {predicted} {iris.ClassNames![predicted]}");
// Three decimals: the JIT build uses the Vector256 kernels and the NativeAOT binary (x64 baseline ISA) the Vector128
// path, whose sums round differently in the last bits of a float; three decimals are far above that difference.
Console.WriteLine("probabilities: " + string.Join(" ", Array.ConvertAll(loadedOutput, p => p.ToString("F3", CultureInfo.InvariantCulture))));
Console.WriteLine($"baked: {BakedReport.Describe(flower)}");

/// <summary>Four measurements in, three species out.</summary>
[Network(4)]
[Dense(16, Activation.Relu)]
[Dense(3, Activation.Softmax)]
public partial class IrisNet;

/// <summary>The second build adds Baked.cs, a network with [EmbeddedWeights] whose file the first run saved.</summary>
internal static partial class BakedReport
{
    public static string Describe(float[] flower)
    {
        string description = "none";
        DescribeBaked(flower, ref description);
        return description;
    }

    static partial void DescribeBaked(float[] flower, ref string description);
}
