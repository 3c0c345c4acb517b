using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using NetGen.TestNetworks;
using NetGen.Tests.Data;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests.Reliability;

/// <summary>
/// 16 threads call Forward, Classify and ForwardBatch on one generated network for NETGEN_SOAK_SECONDS (3 s in CI): every
/// result must equal, bit for bit, what one thread computed before they started, and no thread may allocate once warm.
/// The second case adds a thread that keeps loading a weight file into another instance meanwhile.
/// </summary>
[Collection(IsolatedCollection.Name)]
public sealed class InferenceSoakTests(ITestOutputHelper output)
{
    private const int Threads = 16, Examples = 64, WarmUpCalls = 30;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SixteenThreadsMatchASingleThreadedReferenceWithoutAllocating(bool loadMeanwhile)
    {
        var network = new Mnist128(1);
        int inputs = Mnist128.InputSize, outputs = Mnist128.OutputSize;
        var random = new NetGenRandom(5);
        float[] batch = new float[Examples * inputs];
        for (int i = 0; i < batch.Length; i++) batch[i] = (float)random.NextDouble();
        float[] expectedRows = new float[Examples * outputs], expectedBatch = new float[Examples * outputs];
        int[] expectedClasses = new int[Examples];
        for (int e = 0; e < Examples; e++)
        {
            network.Forward(batch.AsSpan(e * inputs, inputs), expectedRows.AsSpan(e * outputs, outputs));
            expectedClasses[e] = network.Classify(batch.AsSpan(e * inputs, inputs));
        }

        network.ForwardBatch(batch, expectedBatch, Examples);

        using var dir = new TempDirectory();
        string weights = dir.File("other.safetensors");
        var source = new Mnist128(2);
        source.Save(weights);

        long deadline = Stopwatch.GetTimestamp() + (long)(ReliabilitySettings.SoakSeconds * Stopwatch.Frequency);
        long[] calls = new long[Threads], mismatches = new long[Threads], allocated = new long[Threads];
        Exception?[] failures = new Exception?[Threads + 1];
        long loads = 0;
        var threads = new Thread[Threads + (loadMeanwhile ? 1 : 0)];
        for (int t = 0; t < Threads; t++)
        {
            int id = t;
            threads[t] = new Thread(() =>
            {
                try
                {
                    float[] row = new float[outputs], rows = new float[Examples * outputs];
                    long before = 0;
                    for (long call = 0; ; call++)
                    {
                        if (call == WarmUpCalls) before = GC.GetAllocatedBytesForCurrentThread();
                        if (call >= WarmUpCalls && (call & 15) == 0 && Stopwatch.GetTimestamp() > deadline) break;
                        int e = (int)((id * 7 + call) % Examples);
                        ReadOnlySpan<float> input = batch.AsSpan(e * inputs, inputs);
                        bool same;
                        switch (call % 3)
                        {
                            case 0:
                                network.Forward(input, row);
                                same = row.AsSpan().SequenceEqual(expectedRows.AsSpan(e * outputs, outputs));
                                break;
                            case 1:
                                same = network.Classify(input) == expectedClasses[e];
                                break;
                            default:
                                network.ForwardBatch(batch, rows, Examples);
                                same = rows.AsSpan().SequenceEqual(expectedBatch);
                                break;
                        }

                        if (!same) mismatches[id]++;
                        calls[id] = call + 1;
                    }

                    allocated[id] = GC.GetAllocatedBytesForCurrentThread() - before;
                }
                catch (Exception ex)
                {
                    failures[id] = ex;
                }
            }) { IsBackground = true, Name = "soak " + t };
        }

        var loaded = new Mnist128(3);
        if (loadMeanwhile)
        {
            threads[Threads] = new Thread(() =>
            {
                try
                {
                    while (Stopwatch.GetTimestamp() < deadline)
                    {
                        loaded.Load(weights);
                        loads++;
                    }
                }
                catch (Exception ex)
                {
                    failures[Threads] = ex;
                }
            }) { IsBackground = true, Name = "soak loader" };
        }

        foreach (Thread thread in threads) thread.Start();
        // A hard bound: a stuck thread fails the test (they are background threads, so they cannot keep the run alive).
        int bound = (int)(ReliabilitySettings.SoakSeconds * 1000) + 120_000;
        foreach (Thread thread in threads) Assert.True(thread.Join(bound), $"{thread.Name} did not finish within {bound / 1000} s");

        Assert.All(failures, f => Assert.Null(f));
        output.WriteLine($"{Threads} threads, {ReliabilitySettings.SoakSeconds} s: {calls.Sum()} calls ({string.Join(", ", calls)}), " +
                         $"{mismatches.Sum()} mismatches, allocated bytes per thread: {string.Join(", ", allocated)}" +
                         (loadMeanwhile ? $"; {loads} loads on another instance meanwhile" : ""));
        Assert.Equal(new long[Threads], mismatches);
        Assert.Equal(new long[Threads], allocated);
        Assert.All(calls, c => Assert.True(c > WarmUpCalls, "every thread ran past its warm-up"));
        if (loadMeanwhile)
        {
            Assert.True(loads > 0);
            Assert.Equal(source.Parameters.ToArray(), loaded.Parameters.ToArray());
        }
    }
}
