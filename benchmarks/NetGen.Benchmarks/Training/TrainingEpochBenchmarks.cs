using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;

namespace NetGen.Benchmarks.Training;

/// <summary>
/// Issue 4's training workload: one epoch of 784-256-128-10 (ReLU, softmax, Adam 1e-3, batch 64) over 60,000
/// examples of uniform random pixels with random one-hot labels, what the former benchmarks/pytorch/train_epoch.py ran
/// (benchmarks/peers now sets NetGen against its peers on real Fashion-MNIST).
/// One invocation is one whole epoch through the runtime's <c>Fit</c>; examples per second is 60,000 / the median epoch
/// time. Compare with PyTorch at <see cref="MeasureTrainingAccuracy"/> false (its script does not measure it either);
/// true adds a <c>ForwardBatch</c> of every mini-batch, as <c>Fit</c> does by default. The allocation column is per epoch and
/// includes what one <c>Fit</c> call sets up (worker threads, per-thread gradient buffers); batches allocate nothing.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
[Config(typeof(ThroughputConfig))]
public class TrainingEpochBenchmarks
{
    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(new ExamplesPerSecondColumn(Examples));
    }

    public const int Examples = 60_000, BatchSize = 64;
    private readonly TrainingNet _net = new(seed: 1);
    private Dataset _data = null!;
    private TrainingOptions _options = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    [Params(false, true)]
    public bool MeasureTrainingAccuracy { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new NetGenRandom(3);
        var features = new float[Examples * TrainingNet.InputSize];
        for (int i = 0; i < features.Length; i++) features[i] = (float)random.NextDouble();
        var targets = new float[Examples * TrainingNet.OutputSize];
        for (int i = 0; i < Examples; i++) targets[i * TrainingNet.OutputSize + random.NextInt(TrainingNet.OutputSize)] = 1f;
        _data = new Dataset(features, TrainingNet.InputSize, targets, TrainingNet.OutputSize);
        // One Adam for every epoch, as one multi-epoch Fit would keep it.
        _options = new TrainingOptions
        {
            Epochs = 1, BatchSize = BatchSize, Optimizer = new Adam(0.001f), Threads = Threads, MeasureTrainingAccuracy = MeasureTrainingAccuracy,
        };
    }

    [Benchmark(Description = "NetGen Fit, 1 epoch 784-256-128-10")]
    public double Epoch() => _net.Fit(_data, _options)[0].TrainLoss;
}
