using System;
using NetGen.TestNetworks;
using Xunit;

namespace NetGen.Tests.Training;

[CollectionDefinition(nameof(AllocationMeasurements), DisableParallelization = true)]
public class AllocationMeasurements
{
}

/// <summary>Runs alone (no other test allocating at the same time), since it counts every thread's allocations.</summary>
[Collection(nameof(AllocationMeasurements))]
public class FitAllocationTests
{
    /// <summary>Fit's own loop on a hand-written network that allocates nothing, and a generated network with dropout as users train it.</summary>
    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 2)]
    [InlineData(true, 1)]
    [InlineData(true, 2)]
    public void TheBatchLoopAllocatesNothing(bool generated, int threads)
    {
        INetwork network = generated ? new BlobsDropoutNet(1) : new AllocationFreeLinearNetwork(6, 3);
        Dataset data = Nets.Blobs(3000, 6, 3, seed: 2);
        long atBatch20 = 0, atBatch120 = 0, mainAtBatch20 = 0, mainAtBatch120 = 0;
        // The first call of each counter allocates (runtime lazy initialisation); make it before measuring.
        GC.GetTotalAllocatedBytes(precise: true);
        GC.GetAllocatedBytesForCurrentThread();
        network.Fit(data, new TrainingOptions
        {
            Epochs = 2, BatchSize = 20, Optimizer = new Adam(0.001f), Threads = threads, L2 = 0.01f,
            BatchProgress = new SyncProgress<BatchProgress>(p =>
            {
                if (p.Epoch != 2) return; // epoch 1 warms up (JIT tiering)
                if (p.Batch == 20) (atBatch20, mainAtBatch20) = (GC.GetTotalAllocatedBytes(precise: true), GC.GetAllocatedBytesForCurrentThread());
                if (p.Batch == 120) (atBatch120, mainAtBatch120) = (GC.GetTotalAllocatedBytes(precise: true), GC.GetAllocatedBytesForCurrentThread());
            }),
        });
        Assert.Equal(0, mainAtBatch120 - mainAtBatch20);
        Assert.Equal(0, atBatch120 - atBatch20);
    }
}
