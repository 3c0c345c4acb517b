using System;
using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks;

/// <summary>
/// <c>ForwardBatch</c> of 256 examples against the same examples through <c>Forward</c> one at a time, which is
/// exactly what <c>ForwardBatch</c> ran before the batched inference pass (and still runs off .NET 8 / without
/// Vector256), so the ratio column reads batched / per-example on the same build.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 15)]
public class ForwardBatchBenchmarks
{
    public const int Examples = 256;
    private INetwork _net = null!;
    private float[] _inputs = null!, _outputs = null!;

    /// <summary>The two the batched pass is for, and two small ones that must not get slower.</summary>
    [Params("784-256-128-10", "784-128-10", "16-32-32-4", "6-32-32-4")]
    public string Network { get; set; } = "784-256-128-10";

    [GlobalSetup]
    public void Setup()
    {
        _net = Network switch
        {
            "784-128-10" => new MediumNet(seed: 1),
            "16-32-32-4" => new TinyNet(seed: 1),
            "6-32-32-4" => new PolicyNet(seed: 1),
            _ => new TrainingNet(seed: 1),
        };
        var rng = new NetGenRandom(5);
        _inputs = new float[Examples * _net.InputSize];
        for (int i = 0; i < _inputs.Length; i++) _inputs[i] = (float)rng.NextDouble();
        _outputs = new float[Examples * _net.OutputSize];
    }

    [Benchmark(Baseline = true, Description = "Forward per example")]
    public float PerExample()
    {
        int inputs = _net.InputSize, outputs = _net.OutputSize;
        for (int e = 0; e < Examples; e++)
            _net.Forward(_inputs.AsSpan(e * inputs, inputs), _outputs.AsSpan(e * outputs, outputs));
        return _outputs[0];
    }

    [Benchmark(Description = "ForwardBatch")]
    public float Batched()
    {
        _net.ForwardBatch(_inputs, _outputs, Examples);
        return _outputs[0];
    }
}
