using System;
using System.IO;
using System.Linq;
using NetGen.Tests.Data;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests.Weights;

/// <summary>Damaged weight files: Load either succeeds or throws InvalidDataException naming the file, never touches the parameters on failure, and allocates little.</summary>
public sealed class SafetensorsCorruptionTests : IDisposable
{
    private const int Attempts = 3000;

    private readonly TempDirectory _dir = new();
    private readonly ITestOutputHelper _output;

    public SafetensorsCorruptionTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void NetGenFileWithStandardizer()
    {
        NetworkArchitecture arch = ParameterOnlyNetwork.Describe(3, (4, Activation.Tanh), (2, Activation.Sigmoid));
        string validPath = _dir.File("valid.safetensors");
        new ParameterOnlyNetwork(arch, 1).Save(validPath, new Standardizer(new float[] { 1, 2, 3 }, new float[] { 0.5f, 1, 2 }));
        Run(File.ReadAllBytes(validPath), arch, 31);
    }

    [Fact]
    public void PyTorchFile() =>
        Run(File.ReadAllBytes(RepoFiles.TestData("pytorch_sequential_4_8_8_3.safetensors")),
            ParameterOnlyNetwork.Describe(4, (8, Activation.Tanh), (8, Activation.Relu), (3, Activation.Softmax)), 32);

    private void Run(byte[] valid, NetworkArchitecture arch, ulong seed) =>
        WeightLoadCorruption.Run(valid, arch, seed, _dir, "damaged.safetensors", Attempts, _output);
}
