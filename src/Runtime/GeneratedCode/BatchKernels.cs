#if NET8_0_OR_GREATER
using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.GeneratedCode;

/// <summary>
/// Register-blocked matrix kernels for training on a block of examples at once (the .NET 8+ path of generated
/// <c>AccumulateGradientsBatch</c>). Per example, every weight and weight gradient streams through the cache once for
/// the forward pass and once for the backward pass; here each loaded weight serves two examples, each weight
/// gradient is read and written once per block instead of once per example, and the multiply-adds of several rows
/// and examples run side by side. Matrices are row-major: weights <c>[units, inputs]</c>, examples <c>[count, size]</c>.
/// </summary>
/// <remarks>
/// These live in the runtime rather than in each generated class: for layers large enough to be worth blocking the
/// loop bounds being constants buys nothing, and one tested implementation beats one per network. Callers pass
/// spans at least as long as the sizes say; the kernels slice them once and then index without bounds checks.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BatchKernels
{
    /// <summary><c>z[e, u] = b[u] + sum_k W[u, k] x[e, k]</c> for every example <c>e &lt; count</c>.</summary>
    /// <param name="weights">W, <c>units * inputs</c> values.</param>
    /// <param name="biases">b, <c>units</c> values.</param>
    /// <param name="x">The examples' inputs, <c>count * inputs</c> values.</param>
    /// <param name="z">Receives <c>count * units</c> values.</param>
    /// <param name="count">The number of examples.</param>
    /// <param name="inputs">The layer's input size.</param>
    /// <param name="units">The layer's output size.</param>
    public static void Linear(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, Span<float> z, int count, int inputs, int units)
    {
        if (Vector512.IsHardwareAccelerated) Linear<Width512, Vector512<float>>(weights, biases, x, z, count, inputs, units);
        else Linear<Width256, Vector256<float>>(weights, biases, x, z, count, inputs, units);
    }

    internal static void Linear<TWidth, TVector>(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, Span<float> z, int count, int inputs, int units)
        where TWidth : struct, ISimdWidth<TVector>
        where TVector : struct
    {
        int lanes = TWidth.Lanes;
        ref float w = ref MemoryMarshal.GetReference(weights.Slice(0, units * inputs));
        ref float b = ref MemoryMarshal.GetReference(biases.Slice(0, units));
        ref float source = ref MemoryMarshal.GetReference(x.Slice(0, count * inputs));
        ref float target = ref MemoryMarshal.GetReference(z.Slice(0, count * units));
        int fullInputs = inputs - inputs % lanes;
        int rowEnd = units - units % 4, pairEnd = count - count % 2;

        // Four rows by two examples: eight accumulators, six loads per eight multiply-adds, and one transpose-add
        // gives both examples' four outputs.
        for (int u = 0; u < rowEnd; u += 4)
        {
            ref float row = ref Unsafe.Add(ref w, u * inputs);
            for (int e = 0; e < pairEnd; e += 2)
            {
                ref float x0 = ref Unsafe.Add(ref source, e * inputs);
                ref float x1 = ref Unsafe.Add(ref x0, inputs);
                TVector s00 = default, s10 = default, s20 = default, s30 = default;
                TVector s01 = default, s11 = default, s21 = default, s31 = default;
                for (int k = 0; k < fullInputs; k += lanes)
                {
                    TVector a0 = TWidth.Load(ref x0, k), a1 = TWidth.Load(ref x1, k);
                    TVector w0 = TWidth.Load(ref row, k), w1 = TWidth.Load(ref row, inputs + k);
                    TVector w2 = TWidth.Load(ref row, 2 * inputs + k), w3 = TWidth.Load(ref row, 3 * inputs + k);
                    s00 = TWidth.MultiplyAdd(w0, a0, s00); s10 = TWidth.MultiplyAdd(w1, a0, s10);
                    s20 = TWidth.MultiplyAdd(w2, a0, s20); s30 = TWidth.MultiplyAdd(w3, a0, s30);
                    s01 = TWidth.MultiplyAdd(w0, a1, s01); s11 = TWidth.MultiplyAdd(w1, a1, s11);
                    s21 = TWidth.MultiplyAdd(w2, a1, s21); s31 = TWidth.MultiplyAdd(w3, a1, s31);
                }

                Vector256<float> sums = Simd256.Sums(
                    TWidth.Fold(s00), TWidth.Fold(s10), TWidth.Fold(s20), TWidth.Fold(s30),
                    TWidth.Fold(s01), TWidth.Fold(s11), TWidth.Fold(s21), TWidth.Fold(s31));
                Vector128<float> bias = Vector128.LoadUnsafe(ref b, (nuint)u);
                Vector128.StoreUnsafe(sums.GetLower() + bias, ref target, (nuint)(e * units + u));
                Vector128.StoreUnsafe(sums.GetUpper() + bias, ref target, (nuint)((e + 1) * units + u));
                for (int k = fullInputs; k < inputs; k++)
                {
                    for (int r = 0; r < 4; r++)
                    {
                        float weight = Unsafe.Add(ref row, r * inputs + k);
                        Unsafe.Add(ref target, e * units + u + r) += weight * Unsafe.Add(ref x0, k);
                        Unsafe.Add(ref target, (e + 1) * units + u + r) += weight * Unsafe.Add(ref x1, k);
                    }
                }
            }
        }

        // What the blocks left: the last example of an odd count, and the last units % 4 rows.
        for (int e = 0; e < count; e++)
        {
            int firstRow = e < pairEnd ? rowEnd : 0;
            for (int u = firstRow; u < units; u++)
            {
                Unsafe.Add(ref target, e * units + u) =
                    Dot(ref Unsafe.Add(ref w, u * inputs), ref Unsafe.Add(ref source, e * inputs), inputs) + Unsafe.Add(ref b, u);
            }
        }
    }

    /// <summary>
    /// Adds <c>sum_e dz[e, u] x[e, k]</c> to the weight gradient <c>[u, k]</c> and <c>sum_e dz[e, u]</c> to the bias
    /// gradient <c>[u]</c>: the block's whole contribution, summed over its examples before it touches the gradient.
    /// </summary>
    /// <param name="dz">dL/dz, <c>count * units</c> values.</param>
    /// <param name="x">The layer's inputs, <c>count * inputs</c> values.</param>
    /// <param name="weightGradients"><c>units * inputs</c> values, added to.</param>
    /// <param name="biasGradients"><c>units</c> values, added to.</param>
    /// <param name="count">The number of examples.</param>
    /// <param name="inputs">The layer's input size.</param>
    /// <param name="units">The layer's output size.</param>
    public static void AccumulateGradients(ReadOnlySpan<float> dz, ReadOnlySpan<float> x, Span<float> weightGradients, Span<float> biasGradients, int count, int inputs, int units)
    {
        if (Vector512.IsHardwareAccelerated) AccumulateGradients<Width512, Vector512<float>>(dz, x, weightGradients, biasGradients, count, inputs, units);
        else AccumulateGradients<Width256, Vector256<float>>(dz, x, weightGradients, biasGradients, count, inputs, units);
    }

    internal static void AccumulateGradients<TWidth, TVector>(ReadOnlySpan<float> dz, ReadOnlySpan<float> x, Span<float> weightGradients, Span<float> biasGradients, int count, int inputs, int units)
        where TWidth : struct, ISimdWidth<TVector>
        where TVector : struct
    {
        int lanes = TWidth.Lanes;
        ref float delta = ref MemoryMarshal.GetReference(dz.Slice(0, count * units));
        ref float source = ref MemoryMarshal.GetReference(x.Slice(0, count * inputs));
        ref float gradient = ref MemoryMarshal.GetReference(weightGradients.Slice(0, units * inputs));
        biasGradients = biasGradients.Slice(0, units);
        for (int e = 0; e < count; e++)
            for (int u = 0; u < units; u++) biasGradients[u] += Unsafe.Add(ref delta, e * units + u);

        int rowEnd = units - units % 4, chunkEnd = inputs - inputs % (2 * lanes);

        // Four rows by two vectors of inputs: eight gradient vectors stay in registers while every example adds its outer
        // product (four broadcast deltas times two input vectors), then are written back once.
        for (int u = 0; u < rowEnd; u += 4)
        {
            ref float g = ref Unsafe.Add(ref gradient, u * inputs);
            for (int k = 0; k < chunkEnd; k += 2 * lanes)
            {
                TVector g00 = TWidth.Load(ref g, k), g01 = TWidth.Load(ref g, k + lanes);
                TVector g10 = TWidth.Load(ref g, inputs + k), g11 = TWidth.Load(ref g, inputs + k + lanes);
                TVector g20 = TWidth.Load(ref g, 2 * inputs + k), g21 = TWidth.Load(ref g, 2 * inputs + k + lanes);
                TVector g30 = TWidth.Load(ref g, 3 * inputs + k), g31 = TWidth.Load(ref g, 3 * inputs + k + lanes);
                for (int e = 0; e < count; e++)
                {
                    ref float a = ref Unsafe.Add(ref source, e * inputs + k);
                    ref float d = ref Unsafe.Add(ref delta, e * units + u);
                    TVector a0 = TWidth.Load(ref a, 0), a1 = TWidth.Load(ref a, lanes);
                    TVector d0 = TWidth.Broadcast(d), d1 = TWidth.Broadcast(Unsafe.Add(ref d, 1));
                    TVector d2 = TWidth.Broadcast(Unsafe.Add(ref d, 2)), d3 = TWidth.Broadcast(Unsafe.Add(ref d, 3));
                    g00 = TWidth.MultiplyAdd(d0, a0, g00); g01 = TWidth.MultiplyAdd(d0, a1, g01);
                    g10 = TWidth.MultiplyAdd(d1, a0, g10); g11 = TWidth.MultiplyAdd(d1, a1, g11);
                    g20 = TWidth.MultiplyAdd(d2, a0, g20); g21 = TWidth.MultiplyAdd(d2, a1, g21);
                    g30 = TWidth.MultiplyAdd(d3, a0, g30); g31 = TWidth.MultiplyAdd(d3, a1, g31);
                }

                TWidth.Store(g00, ref g, k); TWidth.Store(g01, ref g, k + lanes);
                TWidth.Store(g10, ref g, inputs + k); TWidth.Store(g11, ref g, inputs + k + lanes);
                TWidth.Store(g20, ref g, 2 * inputs + k); TWidth.Store(g21, ref g, 2 * inputs + k + lanes);
                TWidth.Store(g30, ref g, 3 * inputs + k); TWidth.Store(g31, ref g, 3 * inputs + k + lanes);
            }
        }

        // What the blocks left: the inputs past the last two-vector chunk of the blocked rows, and whole remaining rows.
        for (int u = 0; u < units; u++)
        {
            int firstInput = u < rowEnd ? chunkEnd : 0;
            for (int e = 0; e < count; e++)
            {
                float d = Unsafe.Add(ref delta, e * units + u);
                AddScaled(ref Unsafe.Add(ref gradient, u * inputs), ref Unsafe.Add(ref source, e * inputs), d, firstInput, inputs);
            }
        }
    }

    /// <summary><c>dx[e, k] = sum_u dz[e, u] W[u, k]</c>: dL/dx for every example of the block.</summary>
    /// <param name="weights">W, <c>units * inputs</c> values.</param>
    /// <param name="dz">dL/dz, <c>count * units</c> values.</param>
    /// <param name="dx">Receives <c>count * inputs</c> values.</param>
    /// <param name="count">The number of examples.</param>
    /// <param name="inputs">The layer's input size.</param>
    /// <param name="units">The layer's output size.</param>
    public static void InputGradients(ReadOnlySpan<float> weights, ReadOnlySpan<float> dz, Span<float> dx, int count, int inputs, int units)
    {
        if (Vector512.IsHardwareAccelerated) InputGradients<Width512, Vector512<float>>(weights, dz, dx, count, inputs, units);
        else InputGradients<Width256, Vector256<float>>(weights, dz, dx, count, inputs, units);
    }

    internal static void InputGradients<TWidth, TVector>(ReadOnlySpan<float> weights, ReadOnlySpan<float> dz, Span<float> dx, int count, int inputs, int units)
        where TWidth : struct, ISimdWidth<TVector>
        where TVector : struct
    {
        int lanes = TWidth.Lanes;
        ref float w = ref MemoryMarshal.GetReference(weights.Slice(0, units * inputs));
        ref float delta = ref MemoryMarshal.GetReference(dz.Slice(0, count * units));
        dx = dx.Slice(0, count * inputs);
        dx.Clear();
        ref float target = ref MemoryMarshal.GetReference(dx);
        int chunkEnd = inputs - inputs % (4 * lanes), pairEnd = count - count % 2;

        // Two examples by four vectors of inputs: eight accumulators; each unit adds four weight vectors times two broadcast deltas.
        for (int k = 0; k < chunkEnd; k += 4 * lanes)
        {
            for (int e = 0; e < pairEnd; e += 2)
            {
                ref float d0 = ref Unsafe.Add(ref delta, e * units);
                ref float d1 = ref Unsafe.Add(ref d0, units);
                TVector s00 = default, s01 = default, s02 = default, s03 = default;
                TVector s10 = default, s11 = default, s12 = default, s13 = default;
                for (int u = 0; u < units; u++)
                {
                    ref float row = ref Unsafe.Add(ref w, u * inputs + k);
                    TVector w0 = TWidth.Load(ref row, 0), w1 = TWidth.Load(ref row, lanes);
                    TVector w2 = TWidth.Load(ref row, 2 * lanes), w3 = TWidth.Load(ref row, 3 * lanes);
                    TVector b0 = TWidth.Broadcast(Unsafe.Add(ref d0, u)), b1 = TWidth.Broadcast(Unsafe.Add(ref d1, u));
                    s00 = TWidth.MultiplyAdd(w0, b0, s00); s01 = TWidth.MultiplyAdd(w1, b0, s01);
                    s02 = TWidth.MultiplyAdd(w2, b0, s02); s03 = TWidth.MultiplyAdd(w3, b0, s03);
                    s10 = TWidth.MultiplyAdd(w0, b1, s10); s11 = TWidth.MultiplyAdd(w1, b1, s11);
                    s12 = TWidth.MultiplyAdd(w2, b1, s12); s13 = TWidth.MultiplyAdd(w3, b1, s13);
                }

                ref float t0 = ref Unsafe.Add(ref target, e * inputs + k);
                ref float t1 = ref Unsafe.Add(ref t0, inputs);
                TWidth.Store(s00, ref t0, 0); TWidth.Store(s01, ref t0, lanes); TWidth.Store(s02, ref t0, 2 * lanes); TWidth.Store(s03, ref t0, 3 * lanes);
                TWidth.Store(s10, ref t1, 0); TWidth.Store(s11, ref t1, lanes); TWidth.Store(s12, ref t1, 2 * lanes); TWidth.Store(s13, ref t1, 3 * lanes);
            }
        }

        // What the blocks left: the inputs past the last four-vector chunk, and every input of the last example of an odd count.
        for (int e = 0; e < count; e++)
        {
            int firstInput = e < pairEnd ? chunkEnd : 0;
            for (int u = 0; u < units; u++)
            {
                float d = Unsafe.Add(ref delta, e * units + u);
                AddScaled(ref Unsafe.Add(ref target, e * inputs), ref Unsafe.Add(ref w, u * inputs), d, firstInput, inputs);
            }
        }
    }

    /// <summary><c>target[i] += scale * source[i]</c> for <c>from &lt;= i &lt; to</c> (remainders only: 256 bits is plenty).</summary>
    private static void AddScaled(ref float target, ref float source, float scale, int from, int to)
    {
        if (scale == 0f) return; // a Relu unit that was off, or a dropped one: adds exactly nothing
        var s = Vector256.Create(scale);
        int i = from;
        for (; i <= to - Width256.Lanes; i += Width256.Lanes)
            Width256.Store(Simd256.MultiplyAdd(Width256.Load(ref source, i), s, Width256.Load(ref target, i)), ref target, i);
        for (; i < to; i++) Unsafe.Add(ref target, i) += scale * Unsafe.Add(ref source, i);
    }

    private static float Dot(ref float a, ref float b, int length)
    {
        Vector256<float> sum = default;
        int i = 0;
        for (; i <= length - Width256.Lanes; i += Width256.Lanes) sum = Simd256.MultiplyAdd(Width256.Load(ref a, i), Width256.Load(ref b, i), sum);
        float result = Vector256.Sum(sum);
        for (; i < length; i++) result += Unsafe.Add(ref a, i) * Unsafe.Add(ref b, i);
        return result;
    }
}
#endif
