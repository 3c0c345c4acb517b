using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Baselines;

namespace NetGen.Benchmarks;

/// <summary>
/// Single-sample Forward of the generated networks side by side with the naive float[] baseline computing the same
/// function from the same parameters. The baseline is marked as such, so the ratio column reads NetGen / naive.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 20)]
public class InferenceBenchmarks
{
    private readonly TinyNet _tiny = new(seed: 1);
    private readonly MediumNet _medium = new(seed: 1);
    private NaiveDenseNetwork _naiveTiny = null!, _naiveMedium = null!;
    private readonly float[] _tinyInput = new float[TinyNet.InputSize], _tinyOutput = new float[TinyNet.OutputSize];
    private readonly float[] _mediumInput = new float[MediumNet.InputSize], _mediumOutput = new float[MediumNet.OutputSize];

    [Params("16-32-32-4", "784-128-10")]
    public string Network { get; set; } = "16-32-32-4";

    [GlobalSetup]
    public void Setup()
    {
        var rng = new NetGenRandom(5);
        foreach (float[] x in new[] { _tinyInput, _mediumInput })
            for (int i = 0; i < x.Length; i++) x[i] = (float)rng.NextDouble();
        _naiveTiny = new NaiveDenseNetwork(((INetwork)_tiny).Architecture, _tiny.Parameters);
        _naiveMedium = new NaiveDenseNetwork(((INetwork)_medium).Architecture, _medium.Parameters);
    }

    [Benchmark(Baseline = true, Description = "naive float[] loops")]
    public float Naive()
    {
        if (Network == "16-32-32-4")
        {
            _naiveTiny.Forward(_tinyInput, _tinyOutput);
            return _tinyOutput[0];
        }

        _naiveMedium.Forward(_mediumInput, _mediumOutput);
        return _mediumOutput[0];
    }

    [Benchmark(Description = "NetGen Forward")]
    public float NetGen()
    {
        if (Network == "16-32-32-4")
        {
            _tiny.Forward(_tinyInput, _tinyOutput);
            return _tinyOutput[0];
        }

        _medium.Forward(_mediumInput, _mediumOutput);
        return _mediumOutput[0];
    }
}
