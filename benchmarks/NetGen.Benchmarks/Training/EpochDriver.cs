using System;
using System.Threading;

namespace NetGen.Benchmarks.Training;

/// <summary>
/// One training epoch of <see cref="TrainingNet"/> the way a data-parallel trainer runs it: shuffle, then per
/// mini-batch split the examples between the threads (each into its own gradient buffer), add the buffers in a fixed
/// order, and take an Adam step. A stand-in for the runtime's <c>Fit</c> until it lands on main; it allocates only in
/// its constructor, so the benchmark's allocation column shows what the network's own methods allocate.
/// </summary>
public sealed class EpochDriver : IDisposable
{
    private readonly TrainingNet _net;
    private readonly float[] _features, _targets;
    private readonly int _count, _batchSize, _threads;
    private readonly int[] _order;
    private readonly float[] _batchInputs, _batchTargets;
    private readonly float[][] _gradients;
    private readonly StandInAdam _adam;
    private NetGenRandom _random = new(7); // a mutable struct: never readonly, or every draw would copy it
    private readonly Thread? _worker;
    private readonly ManualResetEventSlim _start = new(false), _done = new(false);
    private int _batchCount;
    private double _workerLoss;
    private volatile bool _stopping;

    public EpochDriver(float[] features, float[] targets, int batchSize, int threads)
    {
        if (threads is < 1 or > 2) throw new ArgumentOutOfRangeException(nameof(threads), threads, "The driver runs on 1 or 2 threads.");
        _net = new TrainingNet(seed: 1);
        _features = features;
        _targets = targets;
        _count = features.Length / TrainingNet.InputSize;
        _batchSize = batchSize;
        _threads = threads;
        _order = new int[_count];
        for (int i = 0; i < _count; i++) _order[i] = i;
        _batchInputs = new float[batchSize * TrainingNet.InputSize];
        _batchTargets = new float[batchSize * TrainingNet.OutputSize];
        _gradients = new float[threads][];
        for (int t = 0; t < threads; t++) _gradients[t] = new float[TrainingNet.ParameterCount];
        _adam = new StandInAdam(TrainingNet.ParameterCount, 0.001f);
        if (threads == 2)
        {
            _worker = new Thread(WorkerLoop) { IsBackground = true, Name = "epoch worker" };
            _worker.Start();
        }
    }

    /// <summary>Runs one epoch and returns the mean training loss.</summary>
    public double RunEpoch()
    {
        Shuffle();
        double loss = 0;
        for (int first = 0; first < _count; first += _batchSize)
        {
            int size = Math.Min(_batchSize, _count - first);
            Gather(first, size);
            loss += _threads == 1 ? Accumulate(0, 0, size) : AccumulateOnTwoThreads(size);
            for (int t = 1; t < _threads; t++)
                System.Numerics.Tensors.TensorPrimitives.Add(_gradients[0], _gradients[t], _gradients[0]);
            _adam.Step(_net.Parameters, _gradients[0], size);
        }

        return loss / _count;
    }

    private double AccumulateOnTwoThreads(int size)
    {
        _batchCount = size;
        _done.Reset();
        _start.Set();
        int half = (size + 1) / 2;
        double loss = Accumulate(0, 0, half);
        _done.Wait();
        return loss + _workerLoss;
    }

    private void WorkerLoop()
    {
        while (true)
        {
            _start.Wait();
            _start.Reset();
            if (_stopping) return;
            int size = _batchCount, half = (size + 1) / 2;
            _workerLoss = Accumulate(1, half, size - half);
            _done.Set();
        }
    }

    private double Accumulate(int thread, int first, int count)
    {
        float[] gradients = _gradients[thread];
        Array.Clear(gradients);
        return _net.AccumulateGradientsBatch(
            _batchInputs.AsSpan(first * TrainingNet.InputSize), _batchTargets.AsSpan(first * TrainingNet.OutputSize),
            count, gradients, (ulong)first);
    }

    private void Shuffle()
    {
        for (int i = _count - 1; i > 0; i--)
        {
            int j = _random.NextInt(i + 1);
            (_order[i], _order[j]) = (_order[j], _order[i]);
        }
    }

    private void Gather(int first, int size)
    {
        for (int j = 0; j < size; j++)
        {
            int example = _order[first + j];
            _features.AsSpan(example * TrainingNet.InputSize, TrainingNet.InputSize).CopyTo(_batchInputs.AsSpan(j * TrainingNet.InputSize));
            _targets.AsSpan(example * TrainingNet.OutputSize, TrainingNet.OutputSize).CopyTo(_batchTargets.AsSpan(j * TrainingNet.OutputSize));
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _start.Set();
        _worker?.Join();
        _start.Dispose();
        _done.Dispose();
    }
}
