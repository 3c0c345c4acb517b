using System;
using System.Runtime.Intrinsics;
using NetGen.Kernels;
using NetGen.Kernels.Batch;
using Xunit;

namespace NetGen.Tests.GeneratedCode;

/// <summary>
/// The batched kernels against plain double loops, at every vector width (512, 256 and 128 bits, whatever the machine
/// accelerates: a width it lacks runs as correct software vectors) and through the public dispatching entry points, with
/// sizes chosen so each kernel runs its register tiles and every remainder (rows, input strips, single vectors, scalar
/// inputs, examples past the last group of four).
/// </summary>
public class BatchKernelTests
{
    public static TheoryData<string, int, int, int> Shapes()
    {
        var shapes = new (int Count, int Inputs, int Units)[]
        {
            (9, 77, 13),    // inputs past every strip and vector, units past the 4-row tile, count past the 4-example tile
            (5, 130, 70),   // several strips at 128 and 256 bits, one at 512
            (2, 64, 4),     // exact tiles at 128 and 256 bits, fewer than 4 examples
            (3, 7, 3),      // smaller than a vector: remainders only
            (64, 784, 10),  // the first and last layers of the benchmark networks: a full training block
            (17, 256, 128),
            (8, 16, 32),    // exact 4x4 tiles at every width
        };
        var data = new TheoryData<string, int, int, int>();
        foreach (string width in new[] { "512", "256", "128", "dispatch" })
            foreach ((int count, int inputs, int units) in shapes) data.Add(width, count, inputs, units);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void KernelsMatchDoublePrecisionLoops(string width, int count, int inputs, int units)
    {
        var random = new Random(count * 1000 + inputs);
        float[] Fill(int n)
        {
            var a = new float[n];
            for (int i = 0; i < n; i++) a[i] = (float)(2 * random.NextDouble() - 1);
            return a;
        }

        float[] w = Fill(units * inputs), b = Fill(units), x = Fill(count * inputs), dz = Fill(count * units), g0 = Fill(units * inputs), gb0 = Fill(units);
        // Outputs start as NaN: a kernel that leaves an element unwritten fails instead of passing on a zero.
        float[] z = NaNs(count * units);
        float[] g = (float[])g0.Clone(), gb = (float[])gb0.Clone();
        float[] dx = NaNs(count * inputs);
        switch (width)
        {
            case "512":
                BatchKernels.Linear<Width512, Vector512<float>>(w, b, x, z, count, inputs, units);
                BatchKernels.AccumulateGradients<Width512, Vector512<float>>(dz, x, g, gb, count, inputs, units);
                BatchKernels.InputGradients<Width512, Vector512<float>>(w, dz, dx, count, inputs, units);
                break;
            case "256":
                BatchKernels.Linear<Width256, Vector256<float>>(w, b, x, z, count, inputs, units);
                BatchKernels.AccumulateGradients<Width256, Vector256<float>>(dz, x, g, gb, count, inputs, units);
                BatchKernels.InputGradients<Width256, Vector256<float>>(w, dz, dx, count, inputs, units);
                break;
            case "128":
                BatchKernels.Linear<Width128, Vector128<float>>(w, b, x, z, count, inputs, units);
                BatchKernels.AccumulateGradients<Width128, Vector128<float>>(dz, x, g, gb, count, inputs, units);
                BatchKernels.InputGradients<Width128, Vector128<float>>(w, dz, dx, count, inputs, units);
                break;
            default:
                BatchKernels.Linear(w, b, x, z, count, inputs, units);
                BatchKernels.AccumulateGradients(dz, x, g, gb, count, inputs, units);
                BatchKernels.InputGradients(w, dz, dx, count, inputs, units);
                break;
        }

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

    private static float[] NaNs(int length)
    {
        var values = new float[length];
        Array.Fill(values, float.NaN);
        return values;
    }
}
