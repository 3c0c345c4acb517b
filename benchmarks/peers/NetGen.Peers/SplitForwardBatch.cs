using System;
using System.Reflection;
using System.Threading;

namespace NetGen.Peers;

/// <summary>Runs <see cref="INetwork.ForwardBatch"/> over a batch with several threads.</summary>
/// <remarks>
/// Uses the library's parallel batch API, <c>NetGen.NetworkInference.ForwardBatch(INetwork, ReadOnlySpan&lt;float&gt;,
/// Span&lt;float&gt;, int count, int threads)</c>, when the runtime has it (looked up by reflection, so this runner builds
/// against either state of the library). Without it, as a user would: the calling thread and persistent workers each run
/// <c>ForwardBatch</c> on a contiguous share of the batch, woken by a generation counter that they spin on (as ONNX
/// Runtime's and OpenMP's pools do), so a call costs no thread start and no allocation. <see cref="Method"/> says which.
/// </remarks>
internal sealed class SplitForwardBatch : IDisposable
{
    private delegate void ParallelForwardBatch(INetwork network, ReadOnlySpan<float> inputs, Span<float> outputs, int count, int threads);

    private readonly INetwork _network;
    private readonly int _threads;
    private readonly ParallelForwardBatch? _library;
    private readonly Thread[] _workers;
    private float[] _inputs = Array.Empty<float>(), _outputs = Array.Empty<float>();
    private int _count;
    private long _generation;
    private int _pending;
    private volatile bool _stopping;

    public SplitForwardBatch(INetwork network, int threads)
    {
        _network = network;
        _threads = threads;
        MethodInfo? api = typeof(INetwork).Assembly.GetType("NetGen.NetworkInference")?.GetMethod("ForwardBatch",
            BindingFlags.Public | BindingFlags.Static, null,
            new[] { typeof(INetwork), typeof(ReadOnlySpan<float>), typeof(Span<float>), typeof(int), typeof(int) }, null);
        if (api is not null)
        {
            _library = api.CreateDelegate<ParallelForwardBatch>();
            _workers = Array.Empty<Thread>();
            Method = "NetworkInference.ForwardBatch(network, inputs, outputs, count, threads)";
            return;
        }

        Method = $"{threads} threads each calling ForwardBatch on 1/{threads} of the batch (no parallel batch API in this NetGen)";
        _workers = new Thread[threads - 1];
        for (int w = 0; w < _workers.Length; w++)
        {
            int share = w + 1;
            _workers[w] = new Thread(() => Work(share)) { IsBackground = true, Name = $"ForwardBatch share {share}" };
            _workers[w].Start();
        }
    }

    public string Method { get; }

    public void Run(float[] inputs, float[] outputs, int count)
    {
        if (_library is not null)
        {
            _library(_network, inputs, outputs, count, _threads);
            return;
        }

        _inputs = inputs;
        _outputs = outputs;
        _count = count;
        Volatile.Write(ref _pending, _workers.Length);
        Interlocked.Increment(ref _generation);
        RunShare(0);
        var spin = new SpinWait();
        while (Volatile.Read(ref _pending) != 0) spin.SpinOnce(sleep1Threshold: -1);
    }

    private void Work(int share)
    {
        long seen = 0;
        while (true)
        {
            var spin = new SpinWait();
            while (Volatile.Read(ref _generation) == seen)
            {
                if (_stopping) return;
                spin.SpinOnce(sleep1Threshold: -1);
            }

            seen = Volatile.Read(ref _generation);
            RunShare(share);
            Interlocked.Decrement(ref _pending);
        }
    }

    private void RunShare(int share)
    {
        int start = (int)((long)_count * share / _threads), end = (int)((long)_count * (share + 1) / _threads);
        int inputs = _network.InputSize, outputs = _network.OutputSize;
        _network.ForwardBatch(_inputs.AsSpan(start * inputs, (end - start) * inputs),
            _outputs.AsSpan(start * outputs, (end - start) * outputs), end - start);
    }

    public void Dispose()
    {
        _stopping = true;
        foreach (Thread worker in _workers) worker.Join();
    }
}
