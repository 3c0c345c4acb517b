using System;
using System.IO;
using System.Runtime.InteropServices;

namespace NetGen.Peers;

/// <summary>The files python/models.py writes into the work folder, read the same way by every C# runner.</summary>
internal static class PeerFiles
{
    /// <summary>(network name, examples per call, input width, output width) of an inference workload.</summary>
    public static (string Network, int Examples, int Inputs, int Outputs) Workload(string workload) => workload switch
    {
        "i1-tiny" => ("tiny", 1, 16, 4),
        "i1-medium" => ("medium", 1, 784, 10),
        "i2" => ("large", 256, 784, 10),
        _ => throw new ArgumentException($"unknown workload '{workload}'; expected i1-tiny, i1-medium or i2."),
    };

    public static float[] ReadFloats(string path, int expected)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length != expected * sizeof(float))
            throw new InvalidDataException($"{path}: {bytes.Length} bytes; expected {expected} float32 values ({expected * sizeof(float)} bytes).");
        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }

    public static float[] Input(string work, string workload)
    {
        var (_, examples, inputs, _) = Workload(workload);
        return ReadFloats(Path.Combine(work, workload + ".input.f32"), examples * inputs);
    }

    /// <summary>The four Fashion-MNIST files (gzip) in <paramref name="directory"/>: train images, train labels, test images, test labels.</summary>
    public static (Dataset Train, Dataset Test) FashionMnist(string directory)
    {
        string F(string name) => Path.Combine(directory, name + ".gz");
        Dataset train = Dataset.FromIdx(F("train-images-idx3-ubyte"), F("train-labels-idx1-ubyte"), Dataset.FashionMnistClassNames);
        Dataset test = Dataset.FromIdx(F("t10k-images-idx3-ubyte"), F("t10k-labels-idx1-ubyte"), Dataset.FashionMnistClassNames);
        return (train, test);
    }
}
