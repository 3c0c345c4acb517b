using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.TestNetworks;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>
/// Fit measures training accuracy with <see cref="INetwork.ForwardBatch"/> on every worker thread at once, while other
/// workers run <c>AccumulateGradientsBatch</c> on the same generated instance. With one batch per epoch the count depends
/// only on the parameters before that epoch's step, not on how the batch is shared out, so it can be checked exactly.
/// </summary>
public class TrainingAccuracyTests
{
    private static Dataset DigitsTrain() => BundledData.SplitAndStandardize(BundledData.Digits(), seed: 1).Train;

    [Fact]
    public void TwoThreadsMeasureTheSameTrainingAccuracyAsOne()
    {
        Dataset train = DigitsTrain();
        double expected = new DigitsNet(3).Evaluate(train).Accuracy!.Value;
        double[] measured = new[] { 1, 2 }.Select(threads =>
        {
            var network = new DigitsNet(3);
            TrainingHistory history = network.Fit(train, new TrainingOptions { Epochs = 1, BatchSize = train.Count, Optimizer = new Adam(0.01f), Seed = 1, Threads = threads });
            return history[0].TrainAccuracy!.Value;
        }).ToArray();

        Assert.Equal(expected, measured[0]);
        Assert.Equal(expected, measured[1]);
    }

    [Fact]
    public void EachEpochsTrainingAccuracyWithTwoThreadsIsThatOfTheParametersBeforeIt()
    {
        // Eight full-batch Adam steps move the accuracy a lot (from chance towards 0.9), so a count made with torn or
        // half-updated parameters, or lost to a race between workers, would not match the single-threaded Evaluate.
        Dataset train = DigitsTrain();
        var network = new DigitsNet(3);
        var before = new List<float[]> { network.Parameters.ToArray() };
        TrainingHistory history = network.Fit(train, new TrainingOptions
        {
            Epochs = 8, BatchSize = train.Count, Optimizer = new Adam(0.01f), Seed = 1, Threads = 2,
            Progress = new SyncProgress<EpochResult>(_ => before.Add(network.Parameters.ToArray())),
        });

        var probe = new DigitsNet();
        for (int epoch = 0; epoch < history.Count; epoch++)
        {
            before[epoch].AsSpan().CopyTo(probe.Parameters);
            Assert.Equal(probe.Evaluate(train).Accuracy!.Value, history[epoch].TrainAccuracy!.Value);
        }

        Assert.True(history[^1].TrainAccuracy - history[0].TrainAccuracy > 0.3, $"accuracy {history[0].TrainAccuracy} -> {history[^1].TrainAccuracy}");
    }
}
