using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace NetGen.Benchmarks.Training;

/// <summary>
/// Where an epoch of <see cref="TrainingEpochBenchmarks"/> spends its time: one example's forward pass, one example's
/// forward + backward, a 64-example batch, and the Adam step taken once per batch. Two jobs in one run: the runtime's
/// defaults, and the same with AVX-512 switched off (<c>DOTNET_EnableAVX512F=0</c>), so an AVX-512 code path anywhere
/// (the runtime's, or a future kernel's) can be judged side by side under the same conditions.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(WidthConfig))]
public class TrainingStepBenchmarks
{
    private sealed class WidthConfig : ManualConfig
    {
        public WidthConfig()
        {
            Job quick = Job.ShortRun.WithIterationCount(7);
            AddJob(quick.WithId("widest"));
            AddJob(quick.WithEnvironmentVariables(new EnvironmentVariable("DOTNET_EnableAVX512F", "0")).WithId("avx2"));
        }
    }

    private const int Batch = TrainingEpochBenchmarks.BatchSize;
    private readonly TrainingNet _net = new(seed: 1);
    private readonly float[] _inputs = new float[Batch * TrainingNet.InputSize];
    private readonly float[] _targets = new float[Batch * TrainingNet.OutputSize];
    private readonly float[] _output = new float[TrainingNet.OutputSize];
    private readonly float[] _gradients = new float[TrainingNet.ParameterCount];
    private readonly Adam _adam = new(1e-9f); // tiny steps: the parameters stay at their initial values

    [GlobalSetup]
    public void Setup()
    {
        var random = new NetGenRandom(3);
        for (int i = 0; i < _inputs.Length; i++) _inputs[i] = (float)random.NextDouble();
        for (int j = 0; j < Batch; j++) _targets[j * TrainingNet.OutputSize + random.NextInt(TrainingNet.OutputSize)] = 1f;
    }

    [Benchmark(Description = "Forward, 1 example")]
    public float Forward()
    {
        _net.Forward(_inputs.AsSpan(0, TrainingNet.InputSize), _output);
        return _output[0];
    }

    [Benchmark(Description = "AccumulateGradients, 1 example")]
    public float AccumulateOne() =>
        _net.AccumulateGradients(_inputs.AsSpan(0, TrainingNet.InputSize), _targets.AsSpan(0, TrainingNet.OutputSize), _gradients);

    [Benchmark(Description = "AccumulateGradientsBatch, 64 examples")]
    public float AccumulateBatch() => _net.AccumulateGradientsBatch(_inputs, _targets, Batch, _gradients, 0);

    [Benchmark(Description = "Adam step (235,146 parameters)")]
    public void AdamStep() => _adam.Step(_net.Parameters, _gradients);
}
