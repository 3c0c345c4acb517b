using System;
using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks;

/// <summary>
/// <see cref="DynamicNetwork"/> against the generated class of the same architecture and parameters: single-example
/// Forward, a 64-example ForwardBatch and a 64-example AccumulateGradientsBatch. The generated class is the baseline,
/// so the ratio column reads dynamic / generated. Not yet run on a quiet machine: no figures are claimed.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 20)]
public class DynamicNetworkBenchmarks
{
    private const int Batch = 64;
    private INetwork _generated = null!, _dynamic = null!;
    private float[] _inputs = null!, _targets = null!, _outputs = null!, _gradients = null!;

    [Params("16-32-32-4", "784-128-10")]
    public string Network { get; set; } = "16-32-32-4";

    [Params("generated", "dynamic")]
    public string Kind { get; set; } = "generated";

    private INetwork Net => Kind == "generated" ? _generated : _dynamic;

    [GlobalSetup]
    public void Setup()
    {
        _generated = Network == "16-32-32-4" ? new TinyNet(seed: 1) : new MediumNet(seed: 1);
        _dynamic = new DynamicNetwork(_generated.Architecture, seed: 1);
        var rng = new NetGenRandom(5);
        _inputs = new float[Batch * _generated.InputSize];
        for (int i = 0; i < _inputs.Length; i++) _inputs[i] = (float)rng.NextDouble();
        _targets = new float[Batch * _generated.OutputSize];
        for (int e = 0; e < Batch; e++) _targets[e * _generated.OutputSize + e % _generated.OutputSize] = 1;
        _outputs = new float[Batch * _generated.OutputSize];
        _gradients = new float[_generated.ParameterCount];
    }

    [Benchmark(Description = "Forward, one example")]
    public float Forward()
    {
        Net.Forward(_inputs.AsSpan(0, Net.InputSize), _outputs.AsSpan(0, Net.OutputSize));
        return _outputs[0];
    }

    [Benchmark(Description = "ForwardBatch, 64 examples")]
    public float ForwardBatch()
    {
        Net.ForwardBatch(_inputs, _outputs, Batch);
        return _outputs[0];
    }

    [Benchmark(Description = "AccumulateGradientsBatch, 64 examples")]
    public float Train() => Net.AccumulateGradientsBatch(_inputs, _targets, Batch, _gradients, 0);
}
