using System;
using System.Linq;
using Xunit;

namespace NetGen.Tests.Randomness;

public class NetGenRandomTests
{
    [Fact]
    public void SplitMix64MatchesPublishedSequence()
    {
        // Reference values for SplitMix64 seeded with 0 (Vigna's splitmix64.c).
        ulong state = 0;
        Assert.Equal(0xE220A8397B1DCDAFUL, NetGenRandom.SplitMix64(ref state));
        Assert.Equal(0x6E789E6AA1B965F4UL, NetGenRandom.SplitMix64(ref state));
        Assert.Equal(0x06C45D188009454FUL, NetGenRandom.SplitMix64(ref state));
    }

    [Fact]
    public void SameSeedSameSequence()
    {
        var a = new NetGenRandom(42);
        var b = new NetGenRandom(42);
        for (int i = 0; i < 1000; i++) Assert.Equal(a.NextUInt64(), b.NextUInt64());
    }

    [Theory]
    [InlineData(1e-300)]
    [InlineData(4.9e-324)]
    [InlineData(0.001)]
    [InlineData(0.5)]
    [InlineData(0.70710678)]
    [InlineData(0.9999999)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(1e300)]
    public void DeterministicLogMatchesMathLog(double x)
    {
        double expected = Math.Log(x), actual = NetGenRandom.DeterministicLog(x);
        // A few ulps of the result: the series and the split ln 2 each add at most about one rounding.
        Assert.True(Math.Abs(actual - expected) <= 4 * Math.Max(Math.Abs(expected), 1e-300) * 2.220446049250313e-16 + 1e-320,
            $"log({x}): {actual:R} vs {expected:R}");
    }

    [Fact]
    public void NormalDrawsHaveUnitMoments()
    {
        var rng = new NetGenRandom(3);
        double[] x = Enumerable.Range(0, 200_000).Select(_ => rng.NextNormal()).ToArray();
        double mean = x.Average(), variance = x.Select(v => (v - mean) * (v - mean)).Average();
        // Standard errors for n = 200,000: mean 0.0022, variance 0.0032; allow about 4 of them.
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(variance, 0.985, 1.015);
    }

    [Fact]
    public void NextIntIsUnbiasedAndInRange()
    {
        var rng = new NetGenRandom(9);
        var counts = new int[7];
        for (int i = 0; i < 70_000; i++) counts[rng.NextInt(7)]++;
        // Each bucket expects 10,000 with standard deviation about 93.
        Assert.All(counts, c => Assert.InRange(c, 9_600, 10_400));
    }

    [Fact]
    public void ShuffleIsAPermutation()
    {
        var rng = new NetGenRandom(1);
        int[] items = Enumerable.Range(0, 100).ToArray();
        rng.Shuffle<int>(items);
        Assert.NotEqual(Enumerable.Range(0, 100), items);
        Assert.Equal(Enumerable.Range(0, 100), items.OrderBy(v => v));
    }
}
