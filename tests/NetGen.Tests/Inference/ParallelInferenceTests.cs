using System;
using System.Linq;
using NetGen.Tests.GeneratedCode;
using NetGen.Tests.Training;
using Xunit;

namespace NetGen.Tests.Inference;

/// <summary>
/// Parallel batch inference is an exact reorganisation of one ForwardBatch call: the same bits for every thread count,
/// count (block boundaries, a lone last example, fewer examples than threads) and network.
/// </summary>
// Runs alone: its allocation check measures the caller's thread while workers wake, which the other test classes' load turns
// into blocking waits whose wake-up allocates (docs/reliability.md, open questions).
[Collection(NetGen.Tests.Reliability.IsolatedCollection.Name)]
public class ParallelInferenceTests
{
    public static TheoryData<string> Networks() => new() { "Mnist128", "BatchedShapes", "Control16", "WideNetwork", "DropoutClassifier", "Mnist50" };

    [Theory]
    [MemberData(nameof(Networks))]
    public void OutputsAreBitIdenticalToOneForwardBatchCall(string name)
    {
        INetwork network = NetworkCatalog.Factories[name](3);
        var random = new Random(5);
        foreach (int count in new[] { 0, 1, 2, 63, 64, 65, 128, 129, 130, 200, 257, 385 })
        {
            var inputs = new float[count * network.InputSize];
            for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)(2 * random.NextDouble() - 1);
            var expected = new float[count * network.OutputSize];
            network.ForwardBatch(inputs, expected, count);
            foreach (int threads in new[] { 1, 2, 3, 4, 7 })
            {
                var viaExtension = new float[count * network.OutputSize];
                network.ForwardBatch(inputs, viaExtension, count, threads);
                Assert.True(expected.AsSpan().SequenceEqual(viaExtension), $"{name}, {count} examples, {threads} threads (shared pool)");

                using var inference = new ParallelInference(network, threads);
                var viaInstance = new float[count * network.OutputSize];
                inference.ForwardBatch(inputs, viaInstance, count);
                Assert.True(expected.AsSpan().SequenceEqual(viaInstance), $"{name}, {count} examples, {threads} threads (own instance)");
            }
        }
    }

    [Fact]
    public void EvaluateGivesTheSameResultOnEveryThreadCount()
    {
        INetwork network = NetworkCatalog.Factories["Mnist128"](2);
        const int count = 1000; // several chunks of 256 per thread, and a partial one
        var random = new Random(9);
        var features = new float[count * network.InputSize];
        for (int i = 0; i < features.Length; i++) features[i] = (float)random.NextDouble();
        var targets = new float[count * network.OutputSize];
        for (int e = 0; e < count; e++) targets[e * network.OutputSize + random.Next(network.OutputSize)] = 1f;
        var data = new Dataset(features, network.InputSize, targets, network.OutputSize);

        Evaluation one = network.Evaluate(data, threads: 1);
        foreach (int threads in new[] { 0, 2, 3 })
        {
            Evaluation other = network.Evaluate(data, threads);
            Assert.Equal(one.Loss, other.Loss);
            Assert.Equal(one.Accuracy, other.Accuracy);
            Assert.Equal(one.ConfusionMatrix, other.ConfusionMatrix);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => network.Evaluate(data, threads: -1));
    }

    [Fact]
    public void BadArgumentsAreRefusedBeforeAnyWork()
    {
        INetwork network = NetworkCatalog.Factories["Mnist128"](1);
        var outputs = new float[10 * network.OutputSize];
        ArgumentException shortInputs = Assert.ThrowsAny<ArgumentException>(() => network.ForwardBatch(new float[9 * network.InputSize], outputs, 10, 2));
        Assert.Contains("inputs", shortInputs.Message);
        Assert.ThrowsAny<ArgumentException>(() => network.ForwardBatch(new float[10 * network.InputSize], new float[9 * network.OutputSize], 10, 2));
        Assert.ThrowsAny<ArgumentException>(() => network.ForwardBatch(new float[10 * network.InputSize], outputs, -1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => network.ForwardBatch(new float[10 * network.InputSize], outputs, 10, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParallelInference(network, -1));
        Assert.Throws<ArgumentNullException>(() => new ParallelInference(null!, 2));
        Assert.Throws<ArgumentNullException>(() => NetworkInference.ForwardBatch(null!, new float[1], new float[1], 0, 2));
    }

    [Fact]
    public void ADisposedInstanceRefusesCalls()
    {
        INetwork network = NetworkCatalog.Factories["Mnist128"](1);
        var inference = new ParallelInference(network, 2);
        inference.Dispose();
        inference.Dispose(); // twice is fine
        Assert.Throws<ObjectDisposedException>(() => inference.ForwardBatch(new float[200 * network.InputSize], new float[200 * network.OutputSize], 200));
    }

    [Fact]
    public void AWorkerFailureReachesTheCaller()
    {
        var network = new FailingBatchNetwork(NetworkCatalog.Factories["Mnist128"](1));
        using var inference = new ParallelInference(network, 2);
        var error = Assert.Throws<InvalidOperationException>(() => inference.ForwardBatch(new float[200 * network.InputSize], new float[200 * network.OutputSize], 200));
        Assert.Equal("batch failed", error.Message);
    }

    [Fact]
    public void CallsAllocateNothingOnTheCallingThreadOnceWarm()
    {
        INetwork network = NetworkCatalog.Factories["Mnist128"](1);
        var inputs = new float[300 * network.InputSize];
        var outputs = new float[300 * network.OutputSize];
        // An instance of its own: the shared pools are used by tests running in parallel, and waiting for one may
        // allocate the wait objects a first contended lock needs.
        using var inference = new ParallelInference(network, 2);
        // Warm up both ways a barrier wait can end: workers that give up spinning and block (pauses between calls), and a
        // caller that blocks for a late worker (a network whose workers are slow), so lazily created wait objects exist
        // before measuring; under a loaded test run either can happen in any call.
        var slowWorkers = new SlowWorkerNetwork(network, System.Environment.CurrentManagedThreadId);
        for (int i = 0; i < 5; i++)
        {
            inference.ForwardBatch(inputs, outputs, 300);
            System.Threading.Thread.Sleep(10);
            lock (inference.Gate) inference.Run(slowWorkers, inputs, outputs, 300);
        }

        // A per-call allocation shows in every window; a wait object created lazily the first time this thread blocks
        // (which a loaded test run can delay past any warm-up) shows in one at most.
        var windows = new long[5];
        for (int window = 0; window < windows.Length; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 50; i++) inference.ForwardBatch(inputs, outputs, 300);
            windows[window] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.True(Array.IndexOf(windows, 0L) >= 0 && windows.Count(w => w != 0) <= 1, $"bytes per window of 50 calls: {string.Join(", ", windows)}");
    }

    /// <summary>Sleeps 5 ms before each ForwardBatch on any thread but the caller's, so the caller waits at the barrier.</summary>
    private sealed class SlowWorkerNetwork : DelegatingNetwork
    {
        private readonly int _callerThread;

        public SlowWorkerNetwork(INetwork inner, int callerThread) : base(inner) => _callerThread = callerThread;

        public override void ForwardBatch(ReadOnlySpan<float> inputs, Span<float> outputs, int count)
        {
            if (System.Environment.CurrentManagedThreadId != _callerThread) System.Threading.Thread.Sleep(5);
            base.ForwardBatch(inputs, outputs, count);
        }
    }

    /// <summary>Throws from every ForwardBatch, so each worker fails.</summary>
    private sealed class FailingBatchNetwork : DelegatingNetwork
    {
        public FailingBatchNetwork(INetwork inner) : base(inner) { }

        public override void ForwardBatch(ReadOnlySpan<float> inputs, Span<float> outputs, int count) =>
            throw new InvalidOperationException("batch failed");
    }
}
