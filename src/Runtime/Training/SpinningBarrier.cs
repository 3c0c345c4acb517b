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
/// <remarks>
/// Blocking uses two kernel events, one per phase parity, rather than <see cref="Monitor.Wait(object)"/>, which
/// allocates on every wait: a loaded machine makes threads block often, and the barrier sits on the allocation-free
/// paths of training and batch inference. The last thread to arrive resets the next phase's event before it publishes
/// the phase, and nobody can still be waiting on that event then: they all passed the previous barrier to get here.
/// Even an event wait allocates on Linux (.NET's managed wait subsystem: 208 bytes per blocking wait was seen on a
/// loaded machine, and the same for <see cref="Thread.Sleep(int)"/>), so the caller's own thread, whose allocations the
/// library promises are zero, never blocks: past the spin it keeps checking and yields its time slice between checks
/// (<see cref="Thread.Yield"/>), and only the pool's worker threads block.
/// </remarks>
internal sealed class SpinningBarrier : System.IDisposable
{
    /// <summary>How long an early thread spins before it blocks.</summary>
    public const int SpinMicroseconds = 200;

    private readonly int _participants;
    private readonly ManualResetEvent[] _released = { new(false), new(false) };
    private int _remaining;
    private int _phase;

    public SpinningBarrier(int participants)
    {
        _participants = participants;
        _remaining = participants;
    }

    /// <summary>Returns once all participants have called it for this phase.</summary>
    /// <param name="mayBlock">
    /// Whether this thread may block on an event after the spin (the pool's workers), or must poll instead (the caller's
    /// thread, which must not allocate).
    /// </param>
    /// <param name="spinMicroseconds">How long to spin before blocking or yielding (default <see cref="SpinMicroseconds"/>).</param>
    public void SignalAndWait(bool mayBlock = true, int spinMicroseconds = SpinMicroseconds)
    {
        int phase = Volatile.Read(ref _phase);
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            // Last to arrive: reset for the next phase before releasing anyone, so no thread can run ahead into it early.
            _remaining = _participants;
            _released[(phase + 1) & 1].Reset();
            Volatile.Write(ref _phase, phase + 1);
            _released[phase & 1].Set();
            return;
        }

        long start = Stopwatch.GetTimestamp(), spinTicks = Stopwatch.Frequency * spinMicroseconds / 1_000_000;
        while (Volatile.Read(ref _phase) == phase)
        {
            if (Stopwatch.GetTimestamp() - start > spinTicks)
            {
                if (mayBlock)
                {
                    while (Volatile.Read(ref _phase) == phase) _released[phase & 1].WaitOne();
                }
                else
                {
                    while (Volatile.Read(ref _phase) == phase) Thread.Yield();
                }

                return;
            }

            Thread.SpinWait(8);
        }
    }

    /// <summary>Releases the events; call once no thread can be at the barrier any more.</summary>
    public void Dispose()
    {
        _released[0].Dispose();
        _released[1].Dispose();
    }
}
