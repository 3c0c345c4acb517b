using System;
using NetGen.Kernels;
using NetGen.TestNetworks;
using Xunit;

namespace NetGen.Tests.GeneratedCode;

/// <summary>The generated constructors: deterministic per seed, zero biases, and each Init scheme's scale.</summary>
public class InitializationTests
{
    [Fact]
    public void SameSeedSameParametersDifferentSeedsDiffer()
    {
        Assert.Equal(new Control16(5).Parameters.ToArray(), new Control16(5).Parameters.ToArray());
        Assert.Equal(new Control16().Parameters.ToArray(), new Control16(0).Parameters.ToArray());
        Assert.NotEqual(new Control16(5).Parameters.ToArray(), new Control16(6).Parameters.ToArray());
    }

    [Fact]
    public void FirstWeightsArePinnedSoInitialisationStaysPlatformIdentical()
    {
        // NetGenRandom is bit-exact by construction; pinning a few values catches an accidental change of the
        // seed derivation (WeightInitializer.StreamSeed) or of the draw order, which would silently change every model.
        var expected = new float[4];
        var random = new NetGenRandom(WeightInitializer.StreamSeed(seed: 5, layerIndex: 0));
        double scale = Math.Sqrt(2.0 / (16 + 32));
        for (int i = 0; i < expected.Length; i++) expected[i] = (float)(random.NextNormal() * scale);
        Assert.Equal(expected, new Control16(5).Parameters.Slice(0, 4).ToArray());
    }

    [Fact]
    public void BiasesStartAtZero()
    {
        var net = new InitKinds(3);
        foreach (LayerInfo layer in InitKinds.Architecture.Layers)
            Assert.All(net.Parameters.Slice(layer.BiasOffset, layer.Units).ToArray(), b => Assert.Equal(0f, b));
    }

    [Theory]
    [InlineData(0, 1.0)]                  // Normal: N(0, 1)
    [InlineData(1, 0.070710678118654752)] // LeCun: sqrt(1 / 200), fan-in 200
    [InlineData(2, 0.089442719099991588)] // Xavier: sqrt(2 / (150 + 100))
    [InlineData(3, 0.14142135623730950)]  // He: sqrt(2 / 100), fan-in 100
    public void WeightStatisticsMatchTheScheme(int layerIndex, double expectedStd)
    {
        var net = new InitKinds(11);
        LayerInfo layer = InitKinds.Architecture.Layers[layerIndex];
        ReadOnlySpan<float> w = net.Parameters.Slice(layer.ParameterOffset, layer.WeightCount);
        double sum = 0, sumSquares = 0;
        foreach (float v in w) { sum += v; sumSquares += (double)v * v; }
        int n = w.Length;
        double mean = sum / n, std = Math.Sqrt(sumSquares / n - mean * mean);
        // Sample mean has standard error std/sqrt(n), sample std about std/sqrt(2n); five standard errors keeps the
        // false-alarm rate below one in a million while a wrong scheme (factors of sqrt 2 or more) fails by far.
        Assert.InRange(mean, -5 * expectedStd / Math.Sqrt(n), 5 * expectedStd / Math.Sqrt(n));
        Assert.InRange(std, expectedStd * (1 - 5 / Math.Sqrt(2.0 * n)), expectedStd * (1 + 5 / Math.Sqrt(2.0 * n)));
    }

    [Fact]
    public void AutoInitResolvesByActivation()
    {
        // Mnist128: Relu hidden gets He, Softmax output gets Xavier; SeluHiddenMse's Selu layers get LeCun.
        // Tolerances are five standard errors of the sample std (std / sqrt(2n)) for n = 100352, 1280 and 221 weights;
        // the alternatives (He vs Xavier vs LeCun) differ by 20 % or more at these fans.
        Assert.Equal(Math.Sqrt(2.0 / 784), StdOf(new Mnist128(1).Parameters.Slice(0, 784 * 128)), 0.0006);
        Assert.Equal(Math.Sqrt(2.0 / 138), StdOf(new Mnist128(1).Parameters.Slice(100480, 1280)), 0.012);
        Assert.Equal(Math.Sqrt(1.0 / 13), StdOf(new SeluHiddenMse(1).Parameters.Slice(0, 13 * 17)), 0.066);
    }

    private static double StdOf(ReadOnlySpan<float> values)
    {
        double sum = 0, sumSquares = 0;
        foreach (float v in values) { sum += v; sumSquares += (double)v * v; }
        double mean = sum / values.Length;
        return Math.Sqrt(sumSquares / values.Length - mean * mean);
    }
}
