using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace NetGen.Dynamic;

/// <summary>
/// The dense-layer kernels of <see cref="DynamicNetwork"/> where the .NET 8 <c>NetGen.Kernels.BatchKernels</c>
/// are not available (netstandard2.1) or not accelerated: <see cref="Vector{T}"/> dot products and row updates with a
/// scalar tail, the same arithmetic as a generated network's portable per-example kernels. Row-major matrices as in
/// <c>BatchKernels</c>: weights <c>[units, inputs]</c>, examples <c>[count, size]</c>.
/// </summary>
internal static class PortableDenseKernels
{
    /// <summary><c>z[e, u] = b[u] + sum_k W[u, k] x[e, k]</c>.</summary>
    public static void Linear(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, Span<float> z, int count, int inputs, int units)
    {
        for (int e = 0; e < count; e++)
        {
            ReadOnlySpan<float> example = x.Slice(e * inputs, inputs);
            Span<float> target = z.Slice(e * units, units);
            for (int u = 0; u < units; u++) target[u] = Dot(weights.Slice(u * inputs, inputs), example) + biases[u];
        }
    }

    /// <summary><c>gW[u, k] += sum_e dz[e, u] x[e, k]</c> and <c>gb[u] += sum_e dz[e, u]</c>.</summary>
    public static void AccumulateGradients(ReadOnlySpan<float> dz, ReadOnlySpan<float> x, Span<float> weightGradients, Span<float> biasGradients, int count, int inputs, int units)
    {
        for (int e = 0; e < count; e++)
        {
            ReadOnlySpan<float> example = x.Slice(e * inputs, inputs);
            for (int u = 0; u < units; u++)
            {
                float delta = dz[e * units + u];
                biasGradients[u] += delta;
                // A zero delta (a Relu unit that was off, a dropped unit) adds exactly nothing.
                if (delta != 0f) AddScaled(weightGradients.Slice(u * inputs, inputs), example, delta);
            }
        }
    }

    /// <summary><c>dx[e, k] = sum_u dz[e, u] W[u, k]</c>.</summary>
    public static void InputGradients(ReadOnlySpan<float> weights, ReadOnlySpan<float> dz, Span<float> dx, int count, int inputs, int units)
    {
        dx = dx.Slice(0, count * inputs);
        dx.Clear();
        for (int e = 0; e < count; e++)
        {
            Span<float> target = dx.Slice(e * inputs, inputs);
            for (int u = 0; u < units; u++)
            {
                float delta = dz[e * units + u];
                if (delta != 0f) AddScaled(target, weights.Slice(u * inputs, inputs), delta);
            }
        }
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float sum = 0f;
        int done = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ReadOnlySpan<Vector<float>> va = MemoryMarshal.Cast<float, Vector<float>>(a), vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            Vector<float> acc = Vector<float>.Zero;
            for (int i = 0; i < va.Length; i++) acc += va[i] * vb[i];
            sum = Vector.Dot(acc, Vector<float>.One);
            done = va.Length * Vector<float>.Count;
        }

        for (int i = done; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary><c>target[i] += scale * source[i]</c>.</summary>
    private static void AddScaled(Span<float> target, ReadOnlySpan<float> source, float scale)
    {
        int done = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Span<Vector<float>> vt = MemoryMarshal.Cast<float, Vector<float>>(target);
            ReadOnlySpan<Vector<float>> vs = MemoryMarshal.Cast<float, Vector<float>>(source);
            var s = new Vector<float>(scale);
            for (int i = 0; i < vt.Length; i++) vt[i] += s * vs[i];
            done = vt.Length * Vector<float>.Count;
        }

        for (int i = done; i < target.Length; i++) target[i] += scale * source[i];
    }
}
