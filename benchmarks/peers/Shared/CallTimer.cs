using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace NetGen.Peers;

/// <summary>Median and fastest time per call, and managed bytes allocated per call, of one repeated operation.</summary>
internal readonly record struct CallTiming(double MedianSeconds, double MinSeconds, int Samples, long CallsPerSample, double AllocatedBytesPerCall);

/// <summary>
/// The Stopwatch harness shared by the C# runners. It calls the operation for <c>warmup</c> seconds first (at least 2 s
/// in a full run, so tiered compilation has promoted the hot methods to tier 1 with dynamic PGO before timing), then takes
/// samples of back-to-back calls sized to about 10 ms each for <c>seconds</c>, and reports the median and the minimum
/// per call. Allocations are counted over all timed calls: on this thread (<see cref="GC.GetAllocatedBytesForCurrentThread"/>)
/// for single-threaded operations, or process-wide (<see cref="GC.GetTotalAllocatedBytes(bool)"/>) when the operation
/// uses other threads, which then also counts the runtime's own allocations in that window.
/// </summary>
internal static class CallTimer
{
    private const double SampleSeconds = 0.01;

    public static CallTiming Measure(Action call, double warmup, double seconds, bool multiThreaded)
    {
        var clock = Stopwatch.StartNew();
        long warmupCalls = 0;
        while (clock.Elapsed.TotalSeconds < warmup || warmupCalls < 3)
        {
            call();
            warmupCalls++;
        }

        long start = Stopwatch.GetTimestamp();
        call();
        double one = Math.Max(Stopwatch.GetElapsedTime(start).TotalSeconds, 1e-9);
        long perSample = Math.Max(1, (long)(SampleSeconds / one));

        var samples = new List<double>(capacity: 4096);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long calls = 0;
        long allocatedBefore = Allocated(multiThreaded);
        clock.Restart();
        while (clock.Elapsed.TotalSeconds < seconds || samples.Count < 5)
        {
            long t0 = Stopwatch.GetTimestamp();
            for (long i = 0; i < perSample; i++) call();
            long t1 = Stopwatch.GetTimestamp();
            samples.Add((double)(t1 - t0) / Stopwatch.Frequency / perSample);
            calls += perSample;
        }

        long allocated = Allocated(multiThreaded) - allocatedBefore;
        samples.Sort();
        int n = samples.Count;
        double median = n % 2 == 1 ? samples[n / 2] : 0.5 * (samples[n / 2 - 1] + samples[n / 2]);
        return new CallTiming(median, samples[0], n, perSample, (double)allocated / calls);
    }

    private static long Allocated(bool multiThreaded) =>
        multiThreaded ? GC.GetTotalAllocatedBytes(precise: true) : GC.GetAllocatedBytesForCurrentThread();

    /// <summary>Keeps a result alive so the JIT cannot drop the call that produced it.</summary>
    public static void Consume(float value) => Volatile.Write(ref s_sink, value);

    private static float s_sink;
}
