#if NET8_0_OR_GREATER
using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NetGen.Kernels.Batch;

namespace NetGen.Kernels;

/// <summary>
/// Matrix kernels for a block of examples at once (the .NET 8+ path of generated <c>ForwardBatch</c> and
/// <c>AccumulateGradientsBatch</c>). Per example, every weight and weight gradient streams through the cache once for the
/// forward pass and once for the backward pass; here each loaded weight serves four examples, each weight gradient is read
/// and written once per block instead of once per example, and sixteen multiply-adds run side by side.
/// Matrices are row-major: weights <c>[units, inputs]</c>, examples <c>[count, size]</c>.
/// </summary>
/// <remarks>
/// Each call runs at the widest vector width the JIT accelerates: 512 bits (AVX-512), else 256 (AVX2), else 128 (SSE,
/// ARM NEON). The <c>IsHardwareAccelerated</c> checks are JIT-time constants, so only one width's code is compiled in.
/// These live in the runtime rather than in each generated class: for layers large enough to be worth blocking, constant
/// loop bounds buy nothing, and one tested implementation beats one per network. Callers pass spans at least as long as
/// the sizes say; the kernels slice them once and then index without bounds checks.
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
        else if (Vector256.IsHardwareAccelerated) Linear<Width256, Vector256<float>>(weights, biases, x, z, count, inputs, units);
        else Linear<Width128, Vector128<float>>(weights, biases, x, z, count, inputs, units);
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
        else if (Vector256.IsHardwareAccelerated) AccumulateGradients<Width256, Vector256<float>>(dz, x, weightGradients, biasGradients, count, inputs, units);
        else AccumulateGradients<Width128, Vector128<float>>(dz, x, weightGradients, biasGradients, count, inputs, units);
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
        else if (Vector256.IsHardwareAccelerated) InputGradients<Width256, Vector256<float>>(weights, dz, dx, count, inputs, units);
        else InputGradients<Width128, Vector128<float>>(weights, dz, dx, count, inputs, units);
    }

    // One width each, whatever the hardware accelerates: the public methods pick one, tests run all three.

    internal static void Linear<TWidth, TVector>(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, Span<float> z, int count, int inputs, int units)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        if (count == 0 || units == 0) return;
        BlockKernels<TWidth, TVector>.Linear(ref First(weights, units * inputs), ref First(biases, units), ref First(x, count * inputs),
            ref First(z, count * units), count, inputs, units);
    }

    internal static void AccumulateGradients<TWidth, TVector>(ReadOnlySpan<float> dz, ReadOnlySpan<float> x, Span<float> weightGradients, Span<float> biasGradients, int count, int inputs, int units)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        if (count == 0 || units == 0) return;
        BlockKernels<TWidth, TVector>.AccumulateGradients(ref First(dz, count * units), ref First(x, count * inputs),
            ref First(weightGradients, units * inputs), ref First(biasGradients, units), count, inputs, units);
    }

    internal static void InputGradients<TWidth, TVector>(ReadOnlySpan<float> weights, ReadOnlySpan<float> dz, Span<float> dx, int count, int inputs, int units)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        if (count == 0 || inputs == 0) return;
        if (units == 0)
        {
            dx.Slice(0, count * inputs).Clear();
            return;
        }

        BlockKernels<TWidth, TVector>.InputGradients(ref First(weights, units * inputs), ref First(dz, count * units), ref First(dx, count * inputs),
            count, inputs, units);
    }

    /// <summary>The first of <paramref name="length"/> elements, after the one bounds check that makes the unchecked indexing safe.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref float First(ReadOnlySpan<float> span, int length) => ref MemoryMarshal.GetReference(span.Slice(0, length));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref float First(Span<float> span, int length) => ref MemoryMarshal.GetReference(span.Slice(0, length));
}
#endif
