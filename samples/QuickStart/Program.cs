using System;
using System.IO;
using NetGen;

// 1. Load the data: text labels become one-hot classes; split (stratified, seeded) and standardise on training data only.
Dataset iris = Dataset.FromCsv(Path.Combine(AppContext.BaseDirectory, "data", "iris.csv"), targetColumn: "species");
(Dataset train, Dataset test) = iris.Split(0.8, seed: 1);
Standardizer standardizer = Standardizer.Fit(train);
standardizer.Apply(train);
standardizer.Apply(test);

// 2. Train the network declared below (its code was generated at compile time).
var net = new IrisNet(seed: 1);
Console.WriteLine(net.Summary());
TrainingHistory history = net.Fit(train, new TrainingOptions
{
    Epochs = 60, BatchSize = 16, Optimizer = new Adam(0.01f), Seed = 1,
});
Console.WriteLine($"Trained {history.Count} epochs; last training loss {history[history.Count - 1].TrainLoss:F4}");

// 3. Evaluate on examples it has never seen.
Evaluation evaluation = net.Evaluate(test);
Console.WriteLine(evaluation.Format());

// 4. Save the weights with the standardizer's statistics, and load them into a fresh instance.
Directory.CreateDirectory("out");
net.Save("out/iris.safetensors", standardizer);
var loaded = new IrisNet();
LoadResult file = loaded.Load("out/iris.safetensors");

// 5. Classify a new flower, standardised with the statistics that travelled with the weights.
float[] flower = { 6.3f, 2.9f, 5.6f, 1.8f }; // sepal length, sepal width, petal length, petal width (cm)
file.Standardizer!.Apply(flower);
Console.WriteLine($"A flower measuring 6.3, 2.9, 5.6, 1.8 cm is an iris {iris.ClassNames![loaded.Classify(flower)]}.");

/// <summary>Four measurements in, three species out.</summary>
[Network(4)]
[Dense(16, Activation.Relu)]
[Dense(3, Activation.Softmax)]
public partial class IrisNet;
