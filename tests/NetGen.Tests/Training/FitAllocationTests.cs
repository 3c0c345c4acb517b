using System;
using System.Threading;
using NetGen.TestNetworks;
using Xunit;

namespace NetGen.Tests.Training;

[CollectionDefinition(nameof(AllocationMeasurements), DisableParallelization = true)]
public class AllocationMeasurements
{
}

/// <summary>Runs alone, so the allocation counters see as little of other tests as possible.</summary>
[Collection(nameof(AllocationMeasurements))]
public class FitAllocationTests
{
    /// <summary>
    /// Records each calling thread's own allocation counter at every batch accumulation, so the threads that do Fit's work
    /// are measured exactly. A process-wide count is not usable: on a loaded machine the test runner's and the runtime's
    /// own threads allocate about 20 KB over the measured 100 batches.
    /// </summary>
    /// <remarks>
    /// The first <see cref="WarmUpCalls"/> calls of each thread sleep on alternate calls, each thread on the other's turn,
    /// so both threads block at the worker pool's barrier during warm-up. The first time a thread blocks rather than spins
    /// there, the barrier's <see cref="ManualResetEventSlim"/> lazily allocates its lock object (24 bytes); without this
    /// that one-time allocation lands in the measured window whenever load first makes a thread wait there.
    /// </remarks>
    private sealed class ThreadAllocationRecorder(INetwork inner) : DelegatingNetwork(inner)
    {
        private const int WarmUpCalls = 20;
        private readonly int[] _calls = new int[8];
        private readonly int[] _threadIds = new int[8]; // slot i belongs to the thread with this managed id; 0 = free
        private int _threads;

        public long[] Counters { get; } = new long[8];

        public int Threads => Volatile.Read(ref _threads);

        public override float AccumulateGradientsBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, Span<float> gradients, ulong dropoutStream)
        {
            int slot = Slot();
            if (++_calls[slot] <= WarmUpCalls && (_calls[slot] + slot) % 2 == 0) Thread.Sleep(2);
            Counters[slot] = GC.GetAllocatedBytesForCurrentThread();
            return base.AccumulateGradientsBatch(inputs, targets, count, gradients, dropoutStream);
        }

        private int Slot()
        {
            int id = Environment.CurrentManagedThreadId;
            for (int i = 0; i < _threadIds.Length; i++)
            {
                if (Volatile.Read(ref _threadIds[i]) == id) return i;
                if (Interlocked.CompareExchange(ref _threadIds[i], id, 0) != 0) continue;
                Interlocked.Increment(ref _threads);
                return i;
            }

            throw new InvalidOperationException($"More than {_threadIds.Length} threads trained.");
        }
    }

    /// <summary>Fit's own loop on a hand-written network that allocates nothing, and a generated network with dropout as users train it.</summary>
    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 2)]
    [InlineData(true, 1)]
    [InlineData(true, 2)]
    public void TheBatchLoopAllocatesNothing(bool generated, int threads)
    {
        var network = new ThreadAllocationRecorder(generated ? new BlobsDropoutNet(1) : new AllocationFreeLinearNetwork(6, 3));
        Dataset data = Nets.Blobs(3000, 6, 3, seed: 2);
        long[] workersAtBatch20 = new long[network.Counters.Length], workersAtBatch120 = new long[network.Counters.Length];
        network.Fit(data, new TrainingOptions
        {
            Epochs = 2, BatchSize = 20, Optimizer = new Adam(0.001f), Threads = threads, L2 = 0.01f,
            BatchProgress = new SyncProgress<BatchProgress>(p =>
            {
                if (p.Epoch != 2) return; // epoch 1 warms up (JIT tiering)
                if (p.Batch == 20) network.Counters.AsSpan().CopyTo(workersAtBatch20);
                if (p.Batch == 120) network.Counters.AsSpan().CopyTo(workersAtBatch120);
            }),
        });

        // Every thread that trained, the calling one included, allocated nothing between its calls in batches 20 and 120.
        Assert.Equal(threads, network.Threads);
        for (int t = 0; t < threads; t++) Assert.Equal(0, workersAtBatch120[t] - workersAtBatch20[t]);
    }
}
