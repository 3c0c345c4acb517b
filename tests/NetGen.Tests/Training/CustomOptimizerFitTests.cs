using System;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>
/// Fit takes the built-in optimizers' steps in one pass (computed apart, then committed) and a derived optimizer's in
/// two (StaysFinite, then Apply). The same rule through both paths must give the same bits, and a derived optimizer's
/// refused step must change nothing either.
/// </summary>
public class CustomOptimizerFitTests
{
    /// <summary>Plain gradient descent written as a user would derive it: p = p - lr * g, one element at a time.</summary>
    private sealed class HandWrittenSgd : Optimizer
    {
        public HandWrittenSgd(float learningRate) : base(learningRate, 0) { }

        protected override void Apply(Span<float> parameters, ReadOnlySpan<float> gradients, int offset, long step)
        {
            for (int i = 0; i < parameters.Length; i++) parameters[i] = parameters[i] - LearningRate * gradients[i];
        }

        protected override bool StaysFinite(ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradients, int offset, long step)
        {
            for (int i = 0; i < parameters.Length; i++)
                if (!float.IsFinite(parameters[i] - LearningRate * gradients[i])) return false;
            return true;
        }
    }

    /// <summary>A derived rule whose every step overflows: p + g * 1e38 * 1e38 is infinite wherever g is not 0.</summary>
    private sealed class OverflowingRule : Optimizer
    {
        public OverflowingRule() : base(0.1f, 0) { }

        protected override void Apply(Span<float> parameters, ReadOnlySpan<float> gradients, int offset, long step)
        {
            for (int i = 0; i < parameters.Length; i++) parameters[i] = Next(parameters[i], gradients[i]);
        }

        protected override bool StaysFinite(ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradients, int offset, long step)
        {
            for (int i = 0; i < parameters.Length; i++)
                if (!float.IsFinite(Next(parameters[i], gradients[i]))) return false;
            return true;
        }

        private static float Next(float p, float g) => p + g * 1e38f * 1e38f;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ADerivedOptimizerTrainsToTheSameBitsAsTheBuiltInOne(int threads)
    {
        Dataset data = Nets.Blobs(120, 6, 3, seed: 3);
        INetwork builtIn = FitNetworks.Dropout(NetworkKind.Generated), derived = FitNetworks.Dropout(NetworkKind.Generated);
        derived.Parameters.Clear();
        builtIn.Parameters.CopyTo(derived.Parameters);
        TrainingOptions Options(Optimizer optimizer) => new() { Epochs = 3, BatchSize = 25, Threads = threads, Seed = 5, Optimizer = optimizer };
        builtIn.Fit(data, Options(new Sgd(0.05f)));
        derived.Fit(data, Options(new HandWrittenSgd(0.05f)));
        Assert.NotEqual(FitNetworks.Dropout(NetworkKind.Generated).Parameters.ToArray(), derived.Parameters.ToArray());
        Assert.Equal(builtIn.Parameters.ToArray(), derived.Parameters.ToArray());
    }

    [Fact]
    public void ADerivedOptimizersOverflowingStepChangesNothing()
    {
        INetwork network = FitNetworks.Dropout(NetworkKind.Generated);
        float[] before = network.Parameters.ToArray();
        var optimizer = new OverflowingRule();
        Assert.Throws<TrainingDivergedException>(() => network.Fit(Nets.Blobs(120, 6, 3, seed: 3),
            new TrainingOptions { Epochs = 1, BatchSize = 120, Optimizer = optimizer, Threads = 2 }));
        Assert.Equal(before, network.Parameters.ToArray());
        Assert.Equal(0, optimizer.StepCount);
    }
}
