using System;
using System.Linq;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>
/// Faults injected mid-training that FitTests does not already cover: a NaN or infinite gradient from a custom network in
/// the middle of an epoch, a NaN target, and a divergence under early stopping (which must still restore the best epoch).
/// Parameters and optimizer state are compared value for value (float equality of every element: bytes, NaN aside, and
/// none are NaN here) with their state after the last completed batch.
/// </summary>
public sealed class FitFaultTests
{
    /// <summary>Writes <paramref name="poison"/> into one gradient element on accumulation call <paramref name="at"/> (counting from 1).</summary>
    private sealed class PoisonedGradientNetwork(INetwork inner, int at, float poison) : DelegatingNetwork(inner)
    {
        private int _calls;

        public override float AccumulateGradientsBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, Span<float> gradients, ulong dropoutStream)
        {
            float loss = base.AccumulateGradientsBatch(inputs, targets, count, gradients, dropoutStream);
            if (++_calls == at) gradients[gradients.Length / 2] = poison;
            return loss;
        }
    }

    private static INetwork Inner() => DynamicNetwork.Builder(6).Dense(12, Activation.Tanh).Dense(3, Activation.Softmax).Build(seed: 3);

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void ANonFiniteGradientMidEpochDivergesWithParametersAndStateAsBeforeTheStep(float poison)
    {
        // 100 examples in batches of 10, one thread: call 17 is epoch 2, batch 7.
        var network = new PoisonedGradientNetwork(Inner(), at: 17, poison);
        var optimizer = new Adam(0.01f);
        float[] parameters = network.Parameters.ToArray();
        float[][] state = optimizer.CopyState();
        var ex = Assert.Throws<TrainingDivergedException>(() => network.Fit(Nets.Blobs(100, 6, 3, seed: 4), new TrainingOptions
        {
            Epochs = 3, BatchSize = 10, Threads = 1, Optimizer = optimizer,
            BatchProgress = new SyncProgress<BatchProgress>(_ =>
            {
                parameters = network.Parameters.ToArray();
                state = optimizer.CopyState();
            }),
        }));

        Assert.Equal((2, 7), (ex.Epoch, ex.Batch));
        Assert.Contains("gradient", ex.Message);
        Assert.Equal(16, optimizer.StepCount);
        Assert.Equal(parameters, network.Parameters.ToArray());
        Assert.Equal(state, optimizer.CopyState());
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.NegativeInfinity)]
    public void ANonFiniteTargetIsRefusedBeforeTraining(float poison)
    {
        Dataset data = Nets.Blobs(100, 6, 3, seed: 4);
        data.Target(63)[1] = poison;
        INetwork network = Inner();
        float[] before = network.Parameters.ToArray();
        var optimizer = new Adam(0.01f);
        var ex = Assert.Throws<ArgumentException>(() => network.Fit(data, new TrainingOptions { Optimizer = optimizer }));
        Assert.Contains("target 1 of example 63", ex.Message);
        Assert.Equal(before, network.Parameters.ToArray());
        Assert.Equal(0, optimizer.StepCount);
    }

    [Fact]
    public void ADivergenceUnderEarlyStoppingRestoresTheBestEpoch()
    {
        // 10 batches per epoch: call 47 is epoch 5, batch 7, after four validated epochs.
        var network = new PoisonedGradientNetwork(Inner(), at: 47, float.NaN);
        var optimizer = new Sgd(0.05f, momentum: 0.9f);
        var atEpochEnd = new System.Collections.Generic.Dictionary<int, float[]>();
        var validationLoss = new System.Collections.Generic.Dictionary<int, double>();
        float[][] state = optimizer.CopyState();
        var ex = Assert.Throws<TrainingDivergedException>(() => network.Fit(Nets.Blobs(100, 6, 3, seed: 4), new TrainingOptions
        {
            Epochs = 10, BatchSize = 10, Threads = 1, Optimizer = optimizer, Validation = Nets.Blobs(60, 6, 3, seed: 5), EarlyStoppingPatience = 20,
            Progress = new SyncProgress<EpochResult>(r =>
            {
                atEpochEnd[r.Epoch] = network.Parameters.ToArray();
                validationLoss[r.Epoch] = r.ValidationLoss!.Value;
            }),
            BatchProgress = new SyncProgress<BatchProgress>(_ => state = optimizer.CopyState()),
        }));

        Assert.Equal((5, 7), (ex.Epoch, ex.Batch));
        int best = validationLoss.OrderBy(kv => kv.Value).ThenBy(kv => kv.Key).First().Key;
        Assert.Equal(atEpochEnd[best], network.Parameters.ToArray());
        Assert.Equal(state, optimizer.CopyState()); // the optimizer is as before the refused step
    }
}
