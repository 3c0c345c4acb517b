using System;
using System.IO;
using BenchmarkDotNet.Attributes;

namespace NetGen.DataBenchmarks;

/// <summary>
/// Dataset.FromIdx on Fashion-MNIST's 60,000 training images (gzip, 26 MB compressed, 47 MB of pixels), the load the
/// FashionMnist sample does on start. Goal: under 2 s. Needs <c>apt-get install dataset-fashion-mnist</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class FashionMnistLoadBenchmarks
{
    private const string Directory = "/usr/share/datasets/fashion-mnist";

    [GlobalSetup]
    public void CheckData()
    {
        if (!File.Exists(Path.Combine(Directory, "train-images-idx3-ubyte.gz")))
            throw new InvalidOperationException($"Fashion-MNIST is not in {Directory}; install it with: apt-get install dataset-fashion-mnist");
    }

    [Benchmark]
    public Dataset TrainingSet() =>
        Dataset.FromIdx(Path.Combine(Directory, "train-images-idx3-ubyte.gz"), Path.Combine(Directory, "train-labels-idx1-ubyte.gz"), Dataset.FashionMnistClassNames);
}
