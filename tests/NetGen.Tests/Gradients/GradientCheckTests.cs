using System;
using NetGen.Kernels;
using NetGen.Tests.GeneratedCode;
using NetGen.Tests.Reference;
using Xunit;

namespace NetGen.Tests.Gradients;

/// <summary>
/// Generated AccumulateGradients against the reference's exact backpropagation and against central finite differences
/// of the double-precision reference, for every activation under every loss it can go with (see NetGen.TestNetworks),
/// dropout included, with the reference using exactly the masks the generated pass drew.
/// </summary>
public class GradientCheckTests
{
    // Finite differences in double: truncation O(h^2 f''') ~ 1e-12 and cancellation O(eps_double |f| / h) ~ 1e-10,
    // both far inside the float tolerance the generated gradient is held to.
    private const double Step = 1e-6;

    /// <summary>Large networks are finite-differenced on a sample of their parameters; the exact check covers all.</summary>
    private const int SampledParameters = 150;

    [Theory]
    [MemberData(nameof(NetworkCatalog.AllNames), MemberType = typeof(NetworkCatalog))]
    public void MatchesReferenceBackpropagationAndLoss(string name)
    {
        INetwork net = NetworkCatalog.Create(name, seed: 4);
        NetworkCatalog.Randomize(net, seed: 21);
        var reference = new ReferenceNetwork(net.Architecture, net.Parameters);
        var random = new Random(8);
        for (ulong stream = 0; stream < 3; stream++)
        {
            float[] x = NetworkCatalog.RandomInput(net.InputSize, random);
            float[] y = NetworkCatalog.RandomTarget(net.Architecture, random);
            var gradients = new float[net.ParameterCount];
            float loss = net.AccumulateGradientsBatch(x, y, 1, gradients, stream);

            var expected = new double[net.ParameterCount];
            double[][]? masks = MasksOf(net, seed: 4, stream);
            double expectedLoss = reference.Backward(NetworkCatalog.ToDouble(x), NetworkCatalog.ToDouble(y), expected, masks);

            Assert.True(Math.Abs(loss - expectedLoss) <= Tolerance.Forward(net.Architecture, expectedLoss),
                $"{name} stream {stream}: loss {loss} vs reference {expectedLoss}");
            AssertGradientsClose(name, net.Architecture, gradients, expected, "reference backpropagation");
        }
    }

    [Theory]
    [MemberData(nameof(NetworkCatalog.AllNames), MemberType = typeof(NetworkCatalog))]
    public void MatchesCentralFiniteDifferences(string name)
    {
        INetwork net = NetworkCatalog.Create(name, seed: 9);
        NetworkCatalog.Randomize(net, seed: 22);
        var reference = new ReferenceNetwork(net.Architecture, net.Parameters);
        var random = new Random(10);
        float[] x = NetworkCatalog.RandomInput(net.InputSize, random);
        float[] y = NetworkCatalog.RandomTarget(net.Architecture, random);
        const ulong stream = 17;
        var gradients = new float[net.ParameterCount];
        net.AccumulateGradientsBatch(x, y, 1, gradients, stream);

        double[][]? masks = MasksOf(net, seed: 9, stream);
        double[] xd = NetworkCatalog.ToDouble(x), yd = NetworkCatalog.ToDouble(y);
        var finiteDifferences = new double[net.ParameterCount];
        var checkedIndices = new bool[net.ParameterCount];
        int stride = Math.Max(1, net.ParameterCount / SampledParameters);
        for (int i = 0; i < net.ParameterCount; i += stride)
        {
            double saved = reference.Parameters[i];
            reference.Parameters[i] = saved + Step;
            double up = reference.LossAt(xd, yd, masks);
            reference.Parameters[i] = saved - Step;
            double down = reference.LossAt(xd, yd, masks);
            reference.Parameters[i] = saved;
            finiteDifferences[i] = (up - down) / (2 * Step);
            checkedIndices[i] = true;
        }

        double largest = 0;
        for (int i = 0; i < finiteDifferences.Length; i++) largest = Math.Max(largest, Math.Abs(finiteDifferences[i]));
        double tolerance = Tolerance.Gradient(net.Architecture, largest);
        for (int i = 0; i < net.ParameterCount; i++)
        {
            if (!checkedIndices[i]) continue;
            Assert.True(Math.Abs(gradients[i] - finiteDifferences[i]) <= tolerance,
                $"{name} parameter {i}: generated {gradients[i]} vs finite difference {finiteDifferences[i]} (tolerance {tolerance:E2})");
        }
    }

    [Theory]
    [InlineData("DropoutClassifier")]
    [InlineData("DropoutRegressor")]
    public void OverloadsWithoutStreamUseConsecutiveStreamsFromZero(string name)
    {
        INetwork net = NetworkCatalog.Create(name, seed: 5);
        NetworkCatalog.Randomize(net, seed: 23);
        var reference = new ReferenceNetwork(net.Architecture, net.Parameters);
        var random = new Random(11);
        for (ulong stream = 0; stream < 4; stream++)
        {
            float[] x = NetworkCatalog.RandomInput(net.InputSize, random);
            float[] y = NetworkCatalog.RandomTarget(net.Architecture, random);
            var gradients = new float[net.ParameterCount];
            net.AccumulateGradients(x, y, gradients);
            var expected = new double[net.ParameterCount];
            reference.Backward(NetworkCatalog.ToDouble(x), NetworkCatalog.ToDouble(y), expected, MasksOf(net, seed: 5, stream));
            AssertGradientsClose(name, net.Architecture, gradients, expected, $"reference with stream {stream}'s masks");
        }
    }

    [Fact]
    public void DropoutMasksDropAboutTheRateAndScaleSurvivors()
    {
        const float rate = 0.3f;
        var mask = new float[100_000];
        DropoutMask.Fill(mask, seed: 1, stream: 2, layerIndex: 0, rate);
        int dropped = 0;
        foreach (float m in mask)
        {
            if (m == 0) dropped++;
            else Assert.Equal(1f / (1f - rate), m);
        }

        // Binomial(100000, 0.3): standard deviation 145; five of them is a one-in-a-million false alarm.
        Assert.InRange(dropped, 30_000 - 5 * 145, 30_000 + 5 * 145);
        var other = new float[mask.Length];
        DropoutMask.Fill(other, seed: 1, stream: 3, layerIndex: 0, rate);
        Assert.NotEqual(mask, other);
        Assert.Equal(mask[123] != 0, DropoutMask.Keeps(1, 2, 0, 123, rate));
    }

    /// <summary>
    /// <c>Fill</c> (16 units at a time where AVX-512 is accelerated, with an integer threshold) keeps exactly the units
    /// <c>Keeps</c> (the scalar hash and float comparison) keeps: at lengths around the vector width, at rates whose
    /// threshold <c>rate * 2^24</c> is whole and where it is not, and for streams and layers with high bits set.
    /// </summary>
    [Theory]
    [InlineData(0f)]
    [InlineData(0.2f)]
    [InlineData(0.5f)]
    [InlineData(0.33333334f)]
    [InlineData(0.99999994f)]
    public void FilledMasksMatchTheScalarHashUnitByUnit(float rate)
    {
        foreach (int length in new[] { 1, 15, 16, 17, 31, 32, 33, 256, 1000 })
        foreach (ulong stream in new[] { 0UL, 7UL, ulong.MaxValue - 3 })
        foreach (int layer in new[] { 0, 3 })
        {
            var mask = new float[length];
            DropoutMask.Fill(mask, seed: -5, stream, layer, rate);
            for (int unit = 0; unit < length; unit++)
            {
                bool keeps = DropoutMask.Keeps(-5, stream, layer, unit, rate);
                Assert.True(mask[unit] == (keeps ? 1f / (1f - rate) : 0f),
                    $"rate {rate}, length {length}, stream {stream}, layer {layer}, unit {unit}: mask {mask[unit]}, Keeps says {keeps}");
            }
        }
    }

    /// <summary>
    /// The comparison at its edge, where a threshold rounded the wrong way would differ: with the rate set to exactly
    /// a unit's own uniform <c>k / 2^24</c> the unit is kept (<c>r &gt;= rate</c>), and with the next float above it the
    /// unit is dropped. Units 5 (in the 16-unit vector body) and 16 (the scalar tail) of a 17-unit mask.
    /// </summary>
    [Theory]
    [InlineData(5)]
    [InlineData(16)]
    public void FilledMasksCompareAtTheExactThreshold(int unit)
    {
        const int seed = 11, layer = 2;
        const ulong stream = 42;
        // The hash of the remarks on DropoutMask, written out.
        ulong layerKey = NetGenRandom.Mix(NetGenRandom.Mix((ulong)(uint)seed ^ 0xD80D0D0DUL) + stream);
        ulong k = NetGenRandom.Mix(layerKey + (((ulong)(uint)layer << 32) | (uint)unit)) >> 40;
        float exact = k * (1f / (1 << 24));
        var mask = new float[17];
        DropoutMask.Fill(mask, seed, stream, layer, exact);
        Assert.True(mask[unit] != 0, $"unit {unit} with rate = its own uniform {exact:R} must be kept");
        DropoutMask.Fill(mask, seed, stream, layer, MathF.BitIncrement(exact));
        Assert.True(mask[unit] == 0, $"unit {unit} with rate just above its uniform {exact:R} must be dropped");
    }

    /// <summary>The masks the generated pass used, rebuilt from the runtime helper: the reference's input.</summary>
    internal static double[][]? MasksOf(INetwork net, int seed, ulong stream)
    {
        var layers = net.Architecture.Layers;
        double[][]? masks = null;
        for (int l = 0; l < layers.Count; l++)
        {
            if (layers[l].DropoutRate <= 0) continue;
            masks ??= new double[layers.Count][];
            var mask = new float[layers[l].Units];
            DropoutMask.Fill(mask, seed, stream, l, layers[l].DropoutRate);
            masks[l] = NetworkCatalog.ToDouble(mask);
        }

        return masks;
    }

    private static void AssertGradientsClose(string name, NetworkArchitecture architecture, float[] actual, double[] expected, string what)
    {
        double largest = 0;
        foreach (double g in expected) largest = Math.Max(largest, Math.Abs(g));
        double tolerance = Tolerance.Gradient(architecture, largest);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance,
                $"{name} parameter {i}: generated {actual[i]} vs {what} {expected[i]} (tolerance {tolerance:E2})");
        }
    }
}
