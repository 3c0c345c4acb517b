using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace NetGen;

/// <summary>Work split over a fixed set of workers, one stage at a time.</summary>
internal interface IStagedJob
{
    /// <summary>Runs <paramref name="stage"/> for worker <paramref name="worker"/> (0 is the calling thread).</summary>
    void Execute(int worker, int stage);
}

/// <summary>
/// A small pool of persistent threads for data-parallel training. <see cref="Run"/> has every worker (the caller as worker 0)
/// execute a sequence of stages with a barrier after each, so one stage's results are complete before the next starts.
/// Nothing is allocated per run: no tasks, no delegates, no closures; threads live as long as the pool.
/// </summary>
internal sealed class TrainingWorkerPool : IDisposable
{
    /// <summary>How long a worker waiting for the next run spins before it blocks.</summary>
    private const int IdleSpinMicroseconds = 5_000;

    private readonly IStagedJob _job;
    private readonly SpinningBarrier _barrier;
    private readonly Thread[] _threads;
    private int _firstStage, _stageCount;
    private volatile bool _stopping;
    private Exception? _error;

    public TrainingWorkerPool(int workers, IStagedJob job)
    {
        _job = job;
        _barrier = new SpinningBarrier(workers);
        _threads = new Thread[workers - 1];
        for (int i = 0; i < _threads.Length; i++)
        {
            int worker = i + 1;
            _threads[i] = new Thread(() => WorkerLoop(worker)) { IsBackground = true, Name = $"NetGen training worker {worker}" };
            _threads[i].Start();
        }
    }

    /// <summary>Runs stages <paramref name="firstStage"/> .. <c>firstStage + stageCount - 1</c> on every worker; rethrows the first exception any worker threw (later stages are then skipped).</summary>
    public void Run(int firstStage, int stageCount)
    {
        _firstStage = firstStage;
        _stageCount = stageCount;
        if (_threads.Length > 0) _barrier.SignalAndWait(mayBlock: false); // release the workers
        RunStages(0);
        Exception? error = Interlocked.Exchange(ref _error, null);
        if (error is not null) ExceptionDispatchInfo.Capture(error).Throw();
    }

    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        if (_threads.Length > 0) _barrier.SignalAndWait();
        foreach (Thread thread in _threads) thread.Join();
        _barrier.Dispose();
    }

    private void WorkerLoop(int worker)
    {
        while (true)
        {
            // Between runs a worker spins longer before it blocks: waking a blocked worker (the event's Set) allocates on
            // the caller's thread on Linux, and back-to-back calls (a game loop, batch after batch) arrive well within this.
            _barrier.SignalAndWait(mayBlock: true, spinMicroseconds: IdleSpinMicroseconds);
            if (_stopping) return;
            RunStages(worker);
        }
    }

    private void RunStages(int worker)
    {
        // Read the range once: after this worker passes the last barrier, the caller may already be setting up the next run.
        int first = _firstStage, end = _firstStage + _stageCount;
        for (int stage = first; stage < end; stage++)
        {
            // Every worker reaches every barrier, failed or not, or the others would wait forever.
            if (Volatile.Read(ref _error) is null)
            {
                try
                {
                    _job.Execute(worker, stage);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref _error, e, null);
                }
            }

            // The caller's thread (worker 0) polls rather than blocks: a blocking wait allocates (see SpinningBarrier).
            if (_threads.Length > 0) _barrier.SignalAndWait(mayBlock: worker != 0);
        }
    }
}
