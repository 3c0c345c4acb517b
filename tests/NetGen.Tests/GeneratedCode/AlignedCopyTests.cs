using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using NetGen.Kernels;
using NetGen.Kernels.Batch;
using Xunit;

namespace NetGen.Tests.GeneratedCode;

/// <summary>
/// BatchKernels.Linear copies misaligned weights and examples to aligned scratch for blocks of 8 examples or more. The
/// arithmetic must not depend on that: the same values at every alignment give the same bits, at every width, for
/// blocks below and above the threshold, and the copies must not leak into the caller's arrays.
/// </summary>
public class AlignedCopyTests
{
    public static TheoryData<string, int, int, int> Cases()
    {
        var data = new TheoryData<string, int, int, int>();
        foreach (string width in new[] { "512", "256", "128" })
            foreach ((int count, int inputs, int units) in new[] { (64, 784, 24), (9, 256, 16), (7, 256, 16), (12, 77, 13), (8, 32, 8) })
                data.Add(width, count, inputs, units);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public unsafe void LinearGivesTheSameBitsAtEveryAlignment(string width, int count, int inputs, int units)
    {
        var random = new Random(inputs * 31 + count);
        float[] weights = new float[units * inputs], examples = new float[count * inputs], biases = new float[units];
        for (int i = 0; i < weights.Length; i++) weights[i] = (float)(2 * random.NextDouble() - 1);
        for (int i = 0; i < examples.Length; i++) examples[i] = (float)(2 * random.NextDouble() - 1);
        for (int i = 0; i < biases.Length; i++) biases[i] = (float)random.NextDouble();

        // Pinned, so each offset's alignment holds for the whole call; offsets 0..15 floats cover every 64-byte phase.
        float[] weightStore = GC.AllocateArray<float>(weights.Length + 16, pinned: true);
        float[] exampleStore = GC.AllocateArray<float>(examples.Length + 16, pinned: true);
        float[]? expected = null;
        int phasesSeen = 0;
        for (int offset = 0; offset < 16; offset++)
        {
            weights.CopyTo(weightStore, offset);
            examples.CopyTo(exampleStore, (offset * 7) % 16);
            Span<float> w = weightStore.AsSpan(offset, weights.Length), x = exampleStore.AsSpan((offset * 7) % 16, examples.Length);
            if (((nuint)Unsafe.AsPointer(ref w[0]) & 63) == 0) phasesSeen++;
            float[] z = new float[count * units];
            Linear(width, w, biases, x, z, count, inputs, units);
            Assert.Equal(weights, w.ToArray());
            Assert.Equal(examples, x.ToArray());
            if (expected is null) expected = z;
            else Assert.Equal(expected, z);
        }

        Assert.Equal(1, phasesSeen);   // one of the sixteen offsets was the aligned case itself
    }

    private static void Linear(string width, ReadOnlySpan<float> w, ReadOnlySpan<float> b, ReadOnlySpan<float> x, Span<float> z, int count, int inputs, int units)
    {
        switch (width)
        {
            case "512": BatchKernels.Linear<Width512, Vector512<float>>(w, b, x, z, count, inputs, units); break;
            case "256": BatchKernels.Linear<Width256, Vector256<float>>(w, b, x, z, count, inputs, units); break;
            default: BatchKernels.Linear<Width128, Vector128<float>>(w, b, x, z, count, inputs, units); break;
        }
    }
}
