using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.TestNetworks;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>
/// Fit scores training accuracy from the outputs of the training pass itself (AccumulateGradientsBatch with an outputs
/// buffer), as Keras does: the parameters before each batch's step, with dropout active. Without dropout and with one
/// batch per epoch, that is exactly the accuracy Evaluate gives for the parameters before the epoch.
/// </summary>
public class TrainingAccuracyTests
{
    private static Dataset DigitsTrain() => BundledData.SplitAndStandardize(BundledData.Digits(), seed: 1).Train;

    [Fact]
    public void OneAndTwoThreadsMeasureTheAccuracyOfTheParametersBeforeTheStep()
    {
        Dataset train = DigitsTrain();
        double expected = new DigitsPlainNet(3).Evaluate(train, threads: 1).Accuracy!.Value;
        foreach (int threads in new[] { 1, 2 })
        {
            var network = new DigitsPlainNet(3);
            TrainingHistory history = network.Fit(train, new TrainingOptions { Epochs = 1, BatchSize = train.Count, Optimizer = new Adam(0.01f), Seed = 1, Threads = threads });
            Assert.Equal(expected, history[0].TrainAccuracy!.Value);
        }
    }

    [Fact]
    public void EachEpochsTrainingAccuracyWithTwoThreadsIsThatOfTheParametersBeforeIt()
    {
        // Eight full-batch Adam steps move the accuracy a lot (from chance towards 0.9), so a count made with torn or
        // half-updated parameters, or lost to a race between workers, would not match the single-threaded Evaluate.
        Dataset train = DigitsTrain();
        var network = new DigitsPlainNet(3);
        var before = new List<float[]> { network.Parameters.ToArray() };
        TrainingHistory history = network.Fit(train, new TrainingOptions
        {
            Epochs = 8, BatchSize = train.Count, Optimizer = new Adam(0.01f), Seed = 1, Threads = 2,
            Progress = new SyncProgress<EpochResult>(_ => before.Add(network.Parameters.ToArray())),
        });

        var probe = new DigitsPlainNet();
        for (int epoch = 0; epoch < history.Count; epoch++)
        {
            before[epoch].AsSpan().CopyTo(probe.Parameters);
            Assert.Equal(probe.Evaluate(train, threads: 1).Accuracy!.Value, history[epoch].TrainAccuracy!.Value);
        }

        Assert.True(history[^1].TrainAccuracy - history[0].TrainAccuracy > 0.3, $"accuracy {history[0].TrainAccuracy} -> {history[^1].TrainAccuracy}");
    }
}
