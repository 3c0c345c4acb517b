using System.Diagnostics;
using System.Threading;

namespace NetGen;

/// <summary>
/// A barrier for a few threads that meet every few hundred microseconds: a thread that arrives early spins for up to
/// <see cref="SpinMicroseconds"/> before it blocks. <see cref="Barrier"/> blocks after a much shorter spin, and a
/// blocked thread has to be woken by the scheduler, which costs far more than a spin that sees the phase change; a
/// training batch crosses three barriers. (Not benchmarked on its own: the epoch figures in docs/performance.md include
/// it.) Spinning is bounded, so more threads than cores costs at most the spin time per wait.
/// </summary>
internal sealed class SpinningBarrier
{
    /// <summary>How long an early thread spins before it blocks.</summary>
    public const int SpinMicroseconds = 200;

    private static readonly long SpinTicks = Stopwatch.Frequency * SpinMicroseconds / 1_000_000;

    private readonly int _participants;
    private readonly object _gate = new();
    private int _remaining;
    private int _phase;

    public SpinningBarrier(int participants)
    {
        _participants = participants;
        _remaining = participants;
    }

    /// <summary>Returns once all participants have called it for this phase.</summary>
    public void SignalAndWait()
    {
        int phase = Volatile.Read(ref _phase);
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            // Last to arrive: reset for the next phase before releasing anyone, so no thread can run ahead into it early.
            _remaining = _participants;
            lock (_gate)
            {
                Volatile.Write(ref _phase, phase + 1);
                Monitor.PulseAll(_gate);
            }

            return;
        }

        long start = Stopwatch.GetTimestamp();
        while (Volatile.Read(ref _phase) == phase)
        {
            if (Stopwatch.GetTimestamp() - start > SpinTicks)
            {
                lock (_gate)
                {
                    while (Volatile.Read(ref _phase) == phase) Monitor.Wait(_gate);
                }

                return;
            }

            Thread.SpinWait(8);
        }
    }
}
