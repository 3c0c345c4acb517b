using System;
using NetGen.Kernels;

namespace NetGen;

/// <summary>
/// Batch inference on several threads: <see cref="ForwardBatch"/> splits the examples into one contiguous run per thread
/// and runs <see cref="INetwork.ForwardBatch"/> on each at once. The threads are created once, with the instance, and
/// nothing is allocated per call.
/// </summary>
/// <remarks>
/// <para>
/// Every run starts on a multiple of <see cref="BlockSize"/>, the block the generated batched kernels process at a
/// time, so every example lands in the same position of the same kind of block as in one single-threaded
/// <see cref="INetwork.ForwardBatch"/> call: the outputs are bit-identical to it, whatever the thread count.
/// </para>
/// <para>
/// One instance serves one call at a time (calls from several threads are serialised); the network must not be
/// trained or loaded into while a call runs. For occasional calls, <see cref="NetworkInference.ForwardBatch"/> shares
/// one instance per thread count.
/// </para>
/// </remarks>
public sealed class ParallelInference : IDisposable
{
    /// <summary>Runs start on multiples of this many examples (the generated batched kernels' block).</summary>
    public const int BlockSize = 64;

    private readonly ForwardBatchJob _job;
    private readonly TrainingWorkerPool _pool;
    private readonly object _gate = new();
    private readonly INetwork? _network;
    private bool _disposed;

    /// <summary>Creates the worker threads (<paramref name="threads"/> - 1 of them; the caller is the first worker).</summary>
    /// <param name="network">The network to run.</param>
    /// <param name="threads">Threads per call, 1 or more; 0 means <see cref="Environment.ProcessorCount"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is negative.</exception>
    public ParallelInference(INetwork network, int threads)
        : this(ResolveThreads(threads, nameof(threads)))
    {
        _network = network ?? throw new ArgumentNullException(nameof(network));
    }

    /// <summary>A pool that takes the network per call (<see cref="Run"/>): the shared pools of <see cref="NetworkInference"/>.</summary>
    internal ParallelInference(int threads)
    {
        Threads = threads;
        _job = new ForwardBatchJob(Threads);
        _pool = new TrainingWorkerPool(Threads, _job);
    }

    /// <summary>The network every call runs.</summary>
    public INetwork Network => _network!;

    /// <summary>The number of threads a call uses, the caller's included.</summary>
    public int Threads { get; }

    /// <summary>
    /// Inference on <paramref name="count"/> examples stored row after row, split over <see cref="Threads"/> threads;
    /// bit-identical to <see cref="INetwork.ForwardBatch"/> on the same arguments.
    /// </summary>
    /// <param name="inputs">At least <c>count * InputSize</c> values.</param>
    /// <param name="outputs">Receives <c>count * OutputSize</c> values.</param>
    /// <param name="count">The number of examples; 0 or more.</param>
    /// <exception cref="ArgumentException"><paramref name="count"/> is negative or a span is too short.</exception>
    /// <exception cref="ObjectDisposedException">The instance was disposed.</exception>
    public void ForwardBatch(ReadOnlySpan<float> inputs, Span<float> outputs, int count)
    {
        CheckArguments(Network, inputs, outputs, count);
        lock (_gate)
        {
            if (_disposed) throw new ObjectDisposedException(nameof(ParallelInference));
            Run(Network, inputs, outputs, count);
        }
    }

    /// <summary>Stops the worker threads.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _pool.Dispose();
        }
    }

    /// <summary>Runs one call on this instance's threads for any network; the caller holds <see cref="_gate"/> or owns the instance.</summary>
    internal unsafe void Run(INetwork network, ReadOnlySpan<float> inputs, Span<float> outputs, int count)
    {
        int blocks = (count + BlockSize - 1) / BlockSize;
        if (Threads == 1 || blocks < 2)
        {
            network.ForwardBatch(inputs, outputs, count);
            return;
        }

        fixed (float* input = inputs)
        fixed (float* output = outputs)
        {
            _job.Start(network, input, output, count, blocks);
            try
            {
                _pool.Run(0, 1);
            }
            finally
            {
                _job.Clear();
            }
        }
    }

    internal object Gate => _gate;

    internal static int ResolveThreads(int threads, string parameter)
    {
        if (threads < 0) throw new ArgumentOutOfRangeException(parameter, threads, "The thread count must be 0 (one per processor) or more.");
        return threads == 0 ? Environment.ProcessorCount : threads;
    }

    internal static void CheckArguments(INetwork network, ReadOnlySpan<float> inputs, Span<float> outputs, int count)
    {
        if (count < 0) NetworkArgument.ThrowNegativeCount(nameof(count), count);
        NetworkArgument.CheckRows(inputs.Length, nameof(inputs), network.GetType().Name, nameof(INetwork.InputSize), network.InputSize, count);
        NetworkArgument.CheckRows(outputs.Length, nameof(outputs), network.GetType().Name, nameof(INetwork.OutputSize), network.OutputSize, count);
    }

    /// <summary>One call's arguments, read by every worker: worker <c>w</c> takes blocks <c>[blocks * w / T, blocks * (w + 1) / T)</c>.</summary>
    private sealed unsafe class ForwardBatchJob : IStagedJob
    {
        private readonly int _workers;
        private INetwork? _network;
        private float* _inputs, _outputs;
        private int _count, _blocks;

        public ForwardBatchJob(int workers) => _workers = workers;

        public void Start(INetwork network, float* inputs, float* outputs, int count, int blocks)
        {
            _network = network;
            _inputs = inputs;
            _outputs = outputs;
            _count = count;
            _blocks = blocks;
        }

        public void Clear()
        {
            _network = null;
            _inputs = _outputs = null;
        }

        /// <summary>
        /// Where worker <paramref name="worker"/>'s run starts: a whole number of blocks in, except that a last block of
        /// one example goes with the block before it. ForwardBatch of a single example takes the per-example path, and
        /// the single-threaded call ran that example as a block.
        /// </summary>
        private int Boundary(int worker)
        {
            int start = Math.Min(_count, (int)((long)_blocks * worker / _workers) * BlockSize);
            return start > 0 && _count - start == 1 ? start - BlockSize : start;
        }

        public void Execute(int worker, int stage)
        {
            INetwork network = _network!;
            int first = Boundary(worker), end = Boundary(worker + 1);
            if (first >= end) return;
            int inputSize = network.InputSize, outputSize = network.OutputSize;
            var inputs = new ReadOnlySpan<float>(_inputs + (long)first * inputSize, (end - first) * inputSize);
            var outputs = new Span<float>(_outputs + (long)first * outputSize, (end - first) * outputSize);
            network.ForwardBatch(inputs, outputs, end - first);
        }
    }
}
