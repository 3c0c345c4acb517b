using System;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.GeneratedCode;

/// <summary>
/// The batched training kernels against plain double loops, with sizes chosen so each kernel runs its register block
/// and every remainder (rows, inputs, the odd example). Generated code calls them only where Vector256 is accelerated,
/// but they are correct without it (software vectors), so the test runs everywhere, DOTNET_EnableAVX=0 included.
/// </summary>
public class BatchKernelTests
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 9, 77, 13 },   // inputs past every chunk, units past the 4-row block, odd count
        { 5, 130, 70 },  // several chunks of 16 and 32 inputs
        { 2, 64, 4 },    // exact blocks, nothing left over
        { 3, 7, 3 },     // smaller than a vector: remainders only
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void KernelsMatchDoublePrecisionLoops(int count, int inputs, int units)
    {
        var random = new Random(count * 1000 + inputs);
        float[] Fill(int n)
        {
            var a = new float[n];
            for (int i = 0; i < n; i++) a[i] = (float)(2 * random.NextDouble() - 1);
            return a;
        }

        float[] w = Fill(units * inputs), b = Fill(units), x = Fill(count * inputs), dz = Fill(count * units), g0 = Fill(units * inputs), gb0 = Fill(units);
        var z = new float[count * units];
        float[] g = (float[])g0.Clone(), gb = (float[])gb0.Clone();
        var dx = new float[count * inputs];
        BatchKernels.Linear(w, b, x, z, count, inputs, units);
        BatchKernels.AccumulateGradients(dz, x, g, gb, count, inputs, units);
        BatchKernels.InputGradients(w, dz, dx, count, inputs, units);

        // Every result is a float sum of at most max(inputs, units, count) + 1 products of values in [-1, 1], so it is
        // within (terms) * 2^-23 * (sum of |terms|) <= n^2 2^-23 of the exact sum (Higham 3.1; FMA only tightens it).
        double tolerance = Math.Pow(Math.Max(Math.Max(inputs, units), count) + 1, 2) * Math.Pow(2, -23);
        for (int e = 0; e < count; e++)
        {
            for (int u = 0; u < units; u++)
            {
                double expected = b[u];
                for (int k = 0; k < inputs; k++) expected += (double)w[u * inputs + k] * x[e * inputs + k];
                Assert.True(Math.Abs(z[e * units + u] - expected) <= tolerance, $"z[{e},{u}]: {z[e * units + u]} vs {expected}");
            }

            for (int k = 0; k < inputs; k++)
            {
                double expected = 0;
                for (int u = 0; u < units; u++) expected += (double)dz[e * units + u] * w[u * inputs + k];
                Assert.True(Math.Abs(dx[e * inputs + k] - expected) <= tolerance, $"dx[{e},{k}]: {dx[e * inputs + k]} vs {expected}");
            }
        }

        for (int u = 0; u < units; u++)
        {
            double expectedBias = gb0[u];
            for (int e = 0; e < count; e++) expectedBias += dz[e * units + u];
            Assert.True(Math.Abs(gb[u] - expectedBias) <= tolerance, $"gb[{u}]: {gb[u]} vs {expectedBias}");
            for (int k = 0; k < inputs; k++)
            {
                double expected = g0[u * inputs + k];
                for (int e = 0; e < count; e++) expected += (double)dz[e * units + u] * x[e * inputs + k];
                Assert.True(Math.Abs(g[u * inputs + k] - expected) <= tolerance, $"g[{u},{k}]: {g[u * inputs + k]} vs {expected}");
            }
        }
    }
}
