using System;
using System.Linq;
using Xunit;

namespace NetGen.Tests.Training;

public class FitWorkerFailureTests
{
    /// <summary>Throws from <see cref="INetwork.AccumulateGradientsBatch(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, ulong)"/> on pool threads only, so the calling thread's chunk succeeds.</summary>
    private sealed class FailingNetwork(INetwork inner) : DelegatingNetwork(inner)
    {
        public override float AccumulateGradientsBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, Span<float> gradients, ulong dropoutStream)
        {
            if (System.Threading.Thread.CurrentThread.Name?.StartsWith("NetGen training worker", StringComparison.Ordinal) == true)
                throw new InvalidOperationException("worker failure for the test");
            return base.AccumulateGradientsBatch(inputs, targets, count, gradients, dropoutStream);
        }
    }

    [Fact]
    public void AWorkerExceptionReachesTheCallerAndChangesNothing()
    {
        var inner = new AllocationFreeLinearNetwork(4, 2);
        float[] before = inner.Parameters.ToArray();
        var optimizer = new Sgd(0.1f);
        var data = new Dataset(Enumerable.Range(0, 64).Select(i => (float)i).ToArray(), 4, new float[32], 2);
        var network = new FailingNetwork(inner);
        var ex = Assert.Throws<InvalidOperationException>(() => network.Fit(data, new TrainingOptions { BatchSize = 16, Threads = 2, Optimizer = optimizer }));
        Assert.Equal("worker failure for the test", ex.Message);
        Assert.Equal(before, inner.Parameters.ToArray());
        Assert.Equal(0, optimizer.StepCount);

        // The pool shut down cleanly: training the same network again works.
        inner.Fit(data, new TrainingOptions { BatchSize = 16, Threads = 2, Optimizer = optimizer, Epochs = 1 });
        Assert.Equal(1, optimizer.StepCount); // 16 examples, one batch
    }

    [Fact]
    public void ASecondFitContinuesWithTheOptimizersState()
    {
        var network = new AllocationFreeLinearNetwork(4, 2);
        var data = new Dataset(Enumerable.Range(0, 64).Select(i => (float)Math.Sin(i)).ToArray(), 4, new float[32], 2);
        var optimizer = new Adam(0.01f);
        network.Fit(data, new TrainingOptions { BatchSize = 8, Epochs = 2, Optimizer = optimizer });
        network.Fit(data, new TrainingOptions { BatchSize = 8, Epochs = 1, Optimizer = optimizer });
        Assert.Equal(6, optimizer.StepCount); // 16 examples in batches of 8, three epochs over two calls
    }
}
