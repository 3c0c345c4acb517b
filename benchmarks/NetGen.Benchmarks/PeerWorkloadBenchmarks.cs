using System;
using BenchmarkDotNet.Attributes;
using NetGen.Peers;

namespace NetGen.Benchmarks;

/// <summary>
/// NetGen's side of benchmarks/peers' inference workloads under BenchmarkDotNet, with its allocation column: I1 (one
/// sample through the generated <c>Forward</c> of 16-32-32-4 and 784-128-10) and I2 (<c>ForwardBatch</c> of 256
/// examples through 784-256-128-10 at 1 thread, and at 2 threads the way the peer benchmark runs it). The peer benchmark
/// sets these against other libraries in one interleaved run; this class is for NetGen's own before/after comparisons.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 15)]
public class PeerWorkloadBenchmarks : IDisposable
{
    private const int BatchExamples = 256;
    private readonly TinyNet _tiny = new(seed: 1);
    private readonly MediumNet _medium = new(seed: 1);
    private readonly TrainingNet _large = new(seed: 1);
    private readonly float[] _tinyInput = new float[TinyNet.InputSize], _tinyOutput = new float[TinyNet.OutputSize];
    private readonly float[] _mediumInput = new float[MediumNet.InputSize], _mediumOutput = new float[MediumNet.OutputSize];
    private readonly float[] _batchInputs = new float[BatchExamples * TrainingNet.InputSize];
    private readonly float[] _batchOutputs = new float[BatchExamples * TrainingNet.OutputSize];
    private SplitForwardBatch? _twoThreads;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new NetGenRandom(5);
        foreach (float[] x in new[] { _tinyInput, _mediumInput, _batchInputs })
            for (int i = 0; i < x.Length; i++) x[i] = (float)rng.NextDouble();
        _twoThreads = new SplitForwardBatch(_large, threads: 2);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _twoThreads?.Dispose();
        _twoThreads = null;
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "I1 16-32-32-4 Forward")]
    public float TinyForward()
    {
        _tiny.Forward(_tinyInput, _tinyOutput);
        return _tinyOutput[0];
    }

    [Benchmark(Description = "I1 784-128-10 Forward")]
    public float MediumForward()
    {
        _medium.Forward(_mediumInput, _mediumOutput);
        return _mediumOutput[0];
    }

    [Benchmark(Description = "I2 784-256-128-10 ForwardBatch(256), 1 thread")]
    public float BatchOneThread()
    {
        _large.ForwardBatch(_batchInputs, _batchOutputs, BatchExamples);
        return _batchOutputs[0];
    }

    [Benchmark(Description = "I2 784-256-128-10 ForwardBatch(256), 2 threads")]
    public float BatchTwoThreads()
    {
        _twoThreads!.Run(_batchInputs, _batchOutputs, BatchExamples);
        return _batchOutputs[0];
    }
}
