using System;
using System.Diagnostics;
using System.Linq;
using NetGen.TestNetworks;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests.Training;

/// <summary>
/// Generated networks (declared in NetGen.TestNetworks/TrainingNetworks.cs) reach known-good accuracy on the bundled real
/// data, loaded and standardised by the runtime's own loaders, with fixed seeds.
/// </summary>
public class ConvergenceTests(ITestOutputHelper output)
{
    [Fact]
    public void XorReachesFullAccuracy()
    {
        // Network and shuffle seeds 1-20 all reach 100 % with these settings (final loss 0.001-0.005).
        var data = new Dataset(new float[] { 0, 0, 0, 1, 1, 0, 1, 1 }, 2, new float[] { 0, 1, 1, 0 }, 1);
        var network = new Xor241(1);
        var clock = Stopwatch.StartNew();
        network.Fit(data, new TrainingOptions { Epochs = 300, BatchSize = 4, Optimizer = new Adam(0.05f), Seed = 1 });
        Evaluation e = network.Evaluate(data);
        output.WriteLine($"XOR: {e.Format()}{clock.Elapsed.TotalSeconds:F2} s");
        Assert.Equal(1.0, e.Accuracy);
    }

    [Fact]
    public void IrisReaches95PercentTestAccuracy()
    {
        // 30 test examples: each mistake costs 0.033, so 0.95 allows one. With split seed 1, network seeds 1-10 score
        // 0.967-1.00; with network seed 1, split seeds 1-10 score 0.90-0.967: the low ones are splits that put several of
        // the overlapping versicolor/virginica flowers in the test set, whatever the network.
        double accuracy = TrainIris(splitSeed: 1, networkSeed: 1);
        Assert.True(accuracy >= 0.95, $"test accuracy {accuracy}");
    }

    private double TrainIris(int splitSeed, int networkSeed)
    {
        (Dataset train, Dataset test, _) = BundledData.SplitAndStandardize(BundledData.Iris(), splitSeed);
        var network = new IrisNet(networkSeed);
        var clock = Stopwatch.StartNew();
        network.Fit(train, new TrainingOptions { Epochs = 100, BatchSize = 16, Optimizer = new Adam(0.01f), Seed = networkSeed });
        Evaluation e = network.Evaluate(test);
        output.WriteLine($"Iris (split {splitSeed}, seed {networkSeed}; {train.Count} train, {test.Count} test): {e.Format()}{clock.Elapsed.TotalSeconds:F2} s");
        return e.Accuracy!.Value;
    }

    [Fact]
    public void DigitsReach95PercentTestAccuracy()
    {
        // 359 test examples. Split seeds 1-5 (network seed 1) and network seeds 1-5 (split seed 1) score 0.961-0.983.
        double accuracy = TrainDigits(splitSeed: 1, networkSeed: 1);
        Assert.True(accuracy >= 0.95, $"test accuracy {accuracy}");
    }

    private double TrainDigits(int splitSeed, int networkSeed)
    {
        (Dataset train, Dataset test, _) = BundledData.SplitAndStandardize(BundledData.Digits(), splitSeed);
        var network = new DigitsNet(networkSeed);
        var clock = Stopwatch.StartNew();
        TrainingHistory history = network.Fit(train, new TrainingOptions { Epochs = 15, BatchSize = 32, Optimizer = new Adam(0.002f), Seed = networkSeed });
        Evaluation e = network.Evaluate(test);
        output.WriteLine($"Digits (split {splitSeed}, seed {networkSeed}; {train.Count} train, {test.Count} test), train accuracy {history[^1].TrainAccuracy:F4}: {e.Format()}{clock.Elapsed.TotalSeconds:F2} s");
        return e.Accuracy!.Value;
    }

    [Fact]
    public void DiabetesBeatsPredictingTheMeanByAClearMargin()
    {
        // Linear regression explains about half the variance of this target on held-out data (R^2 ~ 0.5); demanding a test
        // MSE at most 0.7 x that of predicting the training mean (R^2 >= 0.3) leaves room for split noise on 88 test
        // examples while failing any network that has not learned the main effects (bmi, s5, bp). Split seeds 1-10
        // (network seed 1) give ratios 0.455-0.659; network seeds 1-10 (split seed 1) give 0.575-0.596.
        double ratio = TrainDiabetes(splitSeed: 1, networkSeed: 1);
        Assert.True(ratio <= 0.7, $"test MSE is {ratio} x the mean predictor's");
    }

    /// <summary>Returns the test MSE as a fraction of the MSE of predicting the training mean.</summary>
    private double TrainDiabetes(int splitSeed, int networkSeed)
    {
        (Dataset train, Dataset test, _) = BundledData.SplitAndStandardize(BundledData.Diabetes(), splitSeed);
        StandardizeTarget(train, test); // targets in training-set standard deviations: the mean predictor is 0
        var network = new DiabetesNet(networkSeed);
        var clock = Stopwatch.StartNew();
        network.Fit(train, new TrainingOptions { Epochs = 40, BatchSize = 32, Optimizer = new Adam(0.003f), L2 = 2f, Seed = networkSeed });
        Evaluation e = network.Evaluate(test);
        double networkMse = 2 * e.Loss; // the loss is 1/2 (yhat - y)^2 per example
        double meanMse = Enumerable.Range(0, test.Count).Average(i => (double)test.Target(i)[0] * test.Target(i)[0]);
        output.WriteLine($"Diabetes (split {splitSeed}, seed {networkSeed}; {train.Count} train, {test.Count} test): test MSE {networkMse:F4} vs mean predictor {meanMse:F4} (ratio {networkMse / meanMse:F3}), {clock.Elapsed.TotalSeconds:F2} s");
        return networkMse / meanMse;
    }

    /// <summary>(y - mean) / std of the single regression target, with <paramref name="train"/>'s statistics (Standardizer covers features only).</summary>
    private static void StandardizeTarget(Dataset train, Dataset test)
    {
        double[] y = Enumerable.Range(0, train.Count).Select(i => (double)train.Target(i)[0]).ToArray();
        double mean = y.Average();
        double std = Math.Sqrt(y.Sum(v => (v - mean) * (v - mean)) / y.Length);
        foreach (Dataset d in new[] { train, test })
            for (int i = 0; i < d.Count; i++)
                d.Target(i)[0] = (float)((d.Target(i)[0] - mean) / std);
    }
}
