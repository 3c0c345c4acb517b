using System;
using System.Threading;

namespace NetGen;

/// <summary>Inference helpers for any <see cref="INetwork"/>.</summary>
public static class NetworkInference
{
    // One pool of workers per thread count, shared by every network and created on first use; calls on one pool are
    // serialised, calls on different pools run side by side.
    private static readonly ParallelInference?[] SharedPools = new ParallelInference?[257];

    /// <summary>
    /// Inference on <paramref name="count"/> examples stored row after row, split over <paramref name="threads"/>
    /// threads. Bit-identical to <see cref="INetwork.ForwardBatch"/>, whatever the thread count (see
    /// <see cref="ParallelInference"/>); nothing is allocated after the first call with a given thread count.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="inputs">At least <c>count * InputSize</c> values.</param>
    /// <param name="outputs">Receives <c>count * OutputSize</c> values.</param>
    /// <param name="count">The number of examples; 0 or more.</param>
    /// <param name="threads">1 or more; 0 means <see cref="Environment.ProcessorCount"/>; at most 256.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="count"/> is negative or a span is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is negative or above 256.</exception>
    public static void ForwardBatch(this INetwork network, ReadOnlySpan<float> inputs, Span<float> outputs, int count, int threads)
    {
        if (network is null) throw new ArgumentNullException(nameof(network));
        int resolved = ParallelInference.ResolveThreads(threads, nameof(threads));
        if (resolved >= SharedPools.Length)
            throw new ArgumentOutOfRangeException(nameof(threads), threads, $"At most {SharedPools.Length - 1} threads.");
        ParallelInference.CheckArguments(network, inputs, outputs, count);
        if (resolved == 1 || count <= ParallelInference.BlockSize)
        {
            network.ForwardBatch(inputs, outputs, count);
            return;
        }

        ParallelInference pool = Volatile.Read(ref SharedPools[resolved]) ?? CreateShared(resolved);
        lock (pool.Gate) pool.Run(network, inputs, outputs, count);
    }

    private static ParallelInference CreateShared(int threads)
    {
        var created = new ParallelInference(threads);
        ParallelInference? existing = Interlocked.CompareExchange(ref SharedPools[threads], created, null);
        if (existing is null) return created;
        created.Dispose();
        return existing;
    }
}
