using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Baselines;

namespace NetGen.Benchmarks;

/// <summary>
/// Single-sample Forward of a game-agent-sized policy (6-32-32-4, tanh hidden, softmax output: the shape of
/// samples/GameAgent), whose first layer's rows are shorter than one vector. Side by side with the naive baseline.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 15)]
public class ShortInputBenchmarks
{
    private readonly PolicyNet _policy = new(seed: 1);
    private NaiveDenseNetwork _naive = null!;
    private readonly float[] _input = new float[PolicyNet.InputSize], _output = new float[PolicyNet.OutputSize];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new NetGenRandom(5);
        for (int i = 0; i < _input.Length; i++) _input[i] = (float)(2 * rng.NextDouble() - 1);
        _naive = new NaiveDenseNetwork(((INetwork)_policy).Architecture, _policy.Parameters);
    }

    [Benchmark(Baseline = true, Description = "naive float[] loops")]
    public float Naive()
    {
        _naive.Forward(_input, _output);
        return _output[0];
    }

    [Benchmark(Description = "NetGen Forward")]
    public float NetGen()
    {
        _policy.Forward(_input, _output);
        return _output[0];
    }
}
