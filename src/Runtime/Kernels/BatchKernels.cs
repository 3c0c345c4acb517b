#if NET8_0_OR_GREATER
using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

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
    private const int Lanes = 8;

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
        ref float w = ref MemoryMarshal.GetReference(weights.Slice(0, units * inputs));
        ref float b = ref MemoryMarshal.GetReference(biases.Slice(0, units));
        ref float source = ref MemoryMarshal.GetReference(x.Slice(0, count * inputs));
        ref float target = ref MemoryMarshal.GetReference(z.Slice(0, count * units));
        int fullInputs = inputs - inputs % Lanes;
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
                Vector256<float> s00 = default, s10 = default, s20 = default, s30 = default;
                Vector256<float> s01 = default, s11 = default, s21 = default, s31 = default;
                for (int k = 0; k < fullInputs; k += Lanes)
                {
                    Vector256<float> a0 = Load(ref x0, k), a1 = Load(ref x1, k);
                    Vector256<float> w0 = Load(ref row, k), w1 = Load(ref row, inputs + k);
                    Vector256<float> w2 = Load(ref row, 2 * inputs + k), w3 = Load(ref row, 3 * inputs + k);
                    s00 = Simd256.MultiplyAdd(w0, a0, s00); s10 = Simd256.MultiplyAdd(w1, a0, s10);
                    s20 = Simd256.MultiplyAdd(w2, a0, s20); s30 = Simd256.MultiplyAdd(w3, a0, s30);
                    s01 = Simd256.MultiplyAdd(w0, a1, s01); s11 = Simd256.MultiplyAdd(w1, a1, s11);
                    s21 = Simd256.MultiplyAdd(w2, a1, s21); s31 = Simd256.MultiplyAdd(w3, a1, s31);
                }

                Vector256<float> sums = Simd256.Sums(s00, s10, s20, s30, s01, s11, s21, s31);
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
        ref float delta = ref MemoryMarshal.GetReference(dz.Slice(0, count * units));
        ref float source = ref MemoryMarshal.GetReference(x.Slice(0, count * inputs));
        ref float gradient = ref MemoryMarshal.GetReference(weightGradients.Slice(0, units * inputs));
        biasGradients = biasGradients.Slice(0, units);
        for (int e = 0; e < count; e++)
            for (int u = 0; u < units; u++) biasGradients[u] += Unsafe.Add(ref delta, e * units + u);

        int rowEnd = units - units % 4, chunkEnd = inputs - inputs % (2 * Lanes);

        // Four rows by sixteen inputs: eight gradient vectors stay in registers while every example adds its outer
        // product (four broadcast deltas times two input vectors), then are written back once.
        for (int u = 0; u < rowEnd; u += 4)
        {
            ref float g = ref Unsafe.Add(ref gradient, u * inputs);
            for (int k = 0; k < chunkEnd; k += 2 * Lanes)
            {
                Vector256<float> g00 = Load(ref g, k), g01 = Load(ref g, k + Lanes);
                Vector256<float> g10 = Load(ref g, inputs + k), g11 = Load(ref g, inputs + k + Lanes);
                Vector256<float> g20 = Load(ref g, 2 * inputs + k), g21 = Load(ref g, 2 * inputs + k + Lanes);
                Vector256<float> g30 = Load(ref g, 3 * inputs + k), g31 = Load(ref g, 3 * inputs + k + Lanes);
                for (int e = 0; e < count; e++)
                {
                    ref float a = ref Unsafe.Add(ref source, e * inputs + k);
                    ref float d = ref Unsafe.Add(ref delta, e * units + u);
                    Vector256<float> a0 = Load(ref a, 0), a1 = Load(ref a, Lanes);
                    Vector256<float> d0 = Vector256.Create(d), d1 = Vector256.Create(Unsafe.Add(ref d, 1));
                    Vector256<float> d2 = Vector256.Create(Unsafe.Add(ref d, 2)), d3 = Vector256.Create(Unsafe.Add(ref d, 3));
                    g00 = Simd256.MultiplyAdd(d0, a0, g00); g01 = Simd256.MultiplyAdd(d0, a1, g01);
                    g10 = Simd256.MultiplyAdd(d1, a0, g10); g11 = Simd256.MultiplyAdd(d1, a1, g11);
                    g20 = Simd256.MultiplyAdd(d2, a0, g20); g21 = Simd256.MultiplyAdd(d2, a1, g21);
                    g30 = Simd256.MultiplyAdd(d3, a0, g30); g31 = Simd256.MultiplyAdd(d3, a1, g31);
                }

                Store(g00, ref g, k); Store(g01, ref g, k + Lanes);
                Store(g10, ref g, inputs + k); Store(g11, ref g, inputs + k + Lanes);
                Store(g20, ref g, 2 * inputs + k); Store(g21, ref g, 2 * inputs + k + Lanes);
                Store(g30, ref g, 3 * inputs + k); Store(g31, ref g, 3 * inputs + k + Lanes);
            }
        }

        // What the blocks left: the inputs past the last 16-wide chunk of the blocked rows, and whole remaining rows.
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
        ref float w = ref MemoryMarshal.GetReference(weights.Slice(0, units * inputs));
        ref float delta = ref MemoryMarshal.GetReference(dz.Slice(0, count * units));
        dx = dx.Slice(0, count * inputs);
        dx.Clear();
        ref float target = ref MemoryMarshal.GetReference(dx);
        int chunkEnd = inputs - inputs % (4 * Lanes), pairEnd = count - count % 2;

        // Two examples by 32 inputs: eight accumulators; each unit adds four weight vectors times two broadcast deltas.
        for (int k = 0; k < chunkEnd; k += 4 * Lanes)
        {
            for (int e = 0; e < pairEnd; e += 2)
            {
                ref float d0 = ref Unsafe.Add(ref delta, e * units);
                ref float d1 = ref Unsafe.Add(ref d0, units);
                Vector256<float> s00 = default, s01 = default, s02 = default, s03 = default;
                Vector256<float> s10 = default, s11 = default, s12 = default, s13 = default;
                for (int u = 0; u < units; u++)
                {
                    ref float row = ref Unsafe.Add(ref w, u * inputs + k);
                    Vector256<float> w0 = Load(ref row, 0), w1 = Load(ref row, Lanes), w2 = Load(ref row, 2 * Lanes), w3 = Load(ref row, 3 * Lanes);
                    Vector256<float> b0 = Vector256.Create(Unsafe.Add(ref d0, u)), b1 = Vector256.Create(Unsafe.Add(ref d1, u));
                    s00 = Simd256.MultiplyAdd(w0, b0, s00); s01 = Simd256.MultiplyAdd(w1, b0, s01);
                    s02 = Simd256.MultiplyAdd(w2, b0, s02); s03 = Simd256.MultiplyAdd(w3, b0, s03);
                    s10 = Simd256.MultiplyAdd(w0, b1, s10); s11 = Simd256.MultiplyAdd(w1, b1, s11);
                    s12 = Simd256.MultiplyAdd(w2, b1, s12); s13 = Simd256.MultiplyAdd(w3, b1, s13);
                }

                ref float t0 = ref Unsafe.Add(ref target, e * inputs + k);
                ref float t1 = ref Unsafe.Add(ref t0, inputs);
                Store(s00, ref t0, 0); Store(s01, ref t0, Lanes); Store(s02, ref t0, 2 * Lanes); Store(s03, ref t0, 3 * Lanes);
                Store(s10, ref t1, 0); Store(s11, ref t1, Lanes); Store(s12, ref t1, 2 * Lanes); Store(s13, ref t1, 3 * Lanes);
            }
        }

        // What the blocks left: the inputs past the last 32-wide chunk, and every input of the last example of an odd count.
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

    /// <summary><c>target[i] += scale * source[i]</c> for <c>from &lt;= i &lt; to</c>.</summary>
    private static void AddScaled(ref float target, ref float source, float scale, int from, int to)
    {
        if (scale == 0f) return; // a Relu unit that was off, or a dropped one: adds exactly nothing
        var s = Vector256.Create(scale);
        int i = from;
        for (; i <= to - Lanes; i += Lanes) Store(Simd256.MultiplyAdd(Load(ref source, i), s, Load(ref target, i)), ref target, i);
        for (; i < to; i++) Unsafe.Add(ref target, i) += scale * Unsafe.Add(ref source, i);
    }

    private static float Dot(ref float a, ref float b, int length)
    {
        Vector256<float> sum = default;
        int i = 0;
        for (; i <= length - Lanes; i += Lanes) sum = Simd256.MultiplyAdd(Load(ref a, i), Load(ref b, i), sum);
        float result = Vector256.Sum(sum);
        for (; i < length; i++) result += Unsafe.Add(ref a, i) * Unsafe.Add(ref b, i);
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Load(ref float source, int offset) => Vector256.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<float> value, ref float target, int offset) => Vector256.StoreUnsafe(value, ref target, (nuint)offset);
}
#endif
