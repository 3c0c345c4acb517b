using System.IO;
using NetGen.Samples.FashionMnist;
using Xunit;

namespace NetGen.Samples.Tests;

/// <summary>A fact that runs only where Fashion-MNIST is installed (.ci/run installs it when it can); skipped, saying why, elsewhere.</summary>
public sealed class FactWhenFashionMnistInstalledAttribute : FactAttribute
{
    public FactWhenFashionMnistInstalledAttribute()
    {
        if (!File.Exists(Path.Combine(SampleOptions.DefaultFashionDirectory, "train-images-idx3-ubyte.gz")))
            Skip = $"Fashion-MNIST is not installed in {SampleOptions.DefaultFashionDirectory} ({SampleDataLoader.InstallHint}).";
    }
}
