using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using NetGen.Tests.Data;
using NetGen.TestNetworks;
using Xunit;

namespace NetGen.Tests.EmbeddedWeights;

/// <summary>
/// AllBytesNetwork's weights were baked in by the real MSBuild build (csc running the generator on an AdditionalFile).
/// They must be bit-identical to loading the same file at run time and to the file's own bytes, which hold every byte
/// value, so any text decoding of the file on the way (UTF-8, Latin-1, Windows-1252) would show up here.
/// </summary>
public class CreatePretrainedTests
{
    private static string WeightsFile => Path.Combine(RepoFiles.Root, "tests", "NetGen.TestNetworks", "Weights", "all_bytes_4_8_3.safetensors");

    [Fact]
    public void BakedParameters_AreBitIdenticalToLoadingTheFile()
    {
        AllBytesNetwork baked = AllBytesNetwork.CreatePretrained();
        var loaded = new AllBytesNetwork();
        loaded.Load(WeightsFile);
        Assert.Equal(Bits(loaded.Parameters), Bits(baked.Parameters));
    }

    [Fact]
    public void BakedParameters_AreTheFilesDataBytes_WhichHoldEveryByteValue()
    {
        byte[] file = File.ReadAllBytes(WeightsFile);
        long headerLength = BinaryPrimitives.ReadInt64LittleEndian(file);
        byte[] data = file.AsSpan(8 + (int)headerLength).ToArray();
        Assert.Equal(256, data.Distinct().Count());

        float[] parameters = AllBytesNetwork.CreatePretrained().Parameters.ToArray();
        byte[] littleEndian = new byte[parameters.Length * 4];
        for (int i = 0; i < parameters.Length; i++)
            BinaryPrimitives.WriteInt32LittleEndian(littleEndian.AsSpan(4 * i), BitConverter.SingleToInt32Bits(parameters[i]));
        Assert.Equal(data, littleEndian);
    }

    [Fact]
    public void EachCallReturnsAnIndependentInstanceThatComputesLikeTheLoadedOne()
    {
        AllBytesNetwork a = AllBytesNetwork.CreatePretrained(), b = AllBytesNetwork.CreatePretrained();
        Assert.NotSame(a, b);
        a.Parameters[0] = 1f;
        Assert.NotEqual(1f, b.Parameters[0]);

        var loaded = new AllBytesNetwork();
        loaded.Load(WeightsFile);
        float[] input = { 1e-30f, -2e-30f, 3e-30f, 0f };
        float[] expected = new float[AllBytesNetwork.OutputSize], actual = new float[AllBytesNetwork.OutputSize];
        loaded.Forward(input, expected);
        b.Forward(input, actual);
        Assert.Equal(Bits(expected), Bits(actual));
    }

    private static int[] Bits(ReadOnlySpan<float> values) => MemoryMarshal.Cast<float, int>(values).ToArray();
}
