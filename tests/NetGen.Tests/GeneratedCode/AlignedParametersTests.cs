using System;
using System.Runtime.CompilerServices;
using NetGen.Kernels;
using NetGen.TestNetworks;
using Xunit;

namespace NetGen.Tests.GeneratedCode;

/// <summary>
/// Generated networks keep their parameters in AlignedParameters: on .NET 8+ the vector starts on a 64-byte boundary
/// (so 512-bit weight loads never straddle cache lines), stays there across garbage collections, and behaves as the
/// plain array it replaced: zeroed, of the right length, and the same storage on every read.
/// </summary>
public class AlignedParametersTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(101_770)]
    public unsafe void TheVectorIsZeroedAlignedAndStable(int length)
    {
        var parameters = new AlignedParameters(length);
        Span<float> span = parameters.Span;
        Assert.Equal(length, span.Length);
        Assert.All(span.ToArray(), value => Assert.Equal(0f, value));
        if (length == 0) return;
        nuint before = (nuint)Unsafe.AsPointer(ref span[0]);
        Assert.Equal(0u, (uint)(before & 63));
        span[length - 1] = 42f;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        Assert.Equal(before, (nuint)Unsafe.AsPointer(ref parameters.Span[0]));
        Assert.Equal(42f, parameters.Span[length - 1]);
    }

    [Fact]
    public void ANegativeLengthIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlignedParameters(-1));

    [Fact]
    public unsafe void AGeneratedNetworksWeightsStartOnACacheLine()
    {
        var network = new Mnist128(seed: 3);
        Assert.Equal(0u, (uint)((nuint)Unsafe.AsPointer(ref network.Parameters[0]) & 63));
        // The second layer's weights follow 784 * 128 + 128 values, a multiple of 16 floats: aligned too.
        Assert.Equal(0, (784 * 128 + 128) % 16);
    }
}
