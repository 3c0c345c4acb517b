#if NET8_0_OR_GREATER
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NetGen.Kernels.Batch;

namespace NetGen.Kernels;

/// <summary>
/// 256-bit building blocks for the <c>NET8_0_OR_GREATER</c> kernels of generated networks: a fused multiply-add, and the
/// transpose-add that reduces several dot-product accumulators at once. Reducing each accumulator on its own
/// (<see cref="Vector256.Sum{T}(Vector256{T})"/>, or <c>Vector.Dot</c> on <c>Vector&lt;T&gt;</c>) costs a shuffle tree
/// per weight row, which dominates layers whose rows are only a few vectors long (16-32-32-4).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Simd256
{
    /// <summary><c>a * b + addend</c>, fused (one rounding) where the CPU has FMA.</summary>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    /// <param name="addend">The value added to the product.</param>
    /// <returns>The elementwise <c>a * b + addend</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> addend) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, addend) : a * b + addend;

    /// <summary>The element sums of eight vectors, as one vector: element <c>i</c> is the sum of <paramref name="s0"/>..<paramref name="s7"/>'s <c>i</c>-th.</summary>
    /// <param name="s0">Summed into element 0.</param>
    /// <param name="s1">Summed into element 1.</param>
    /// <param name="s2">Summed into element 2.</param>
    /// <param name="s3">Summed into element 3.</param>
    /// <param name="s4">Summed into element 4.</param>
    /// <param name="s5">Summed into element 5.</param>
    /// <param name="s6">Summed into element 6.</param>
    /// <param name="s7">Summed into element 7.</param>
    /// <returns><c>[sum(s0), sum(s1), ..., sum(s7)]</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sums(
        Vector256<float> s0, Vector256<float> s1, Vector256<float> s2, Vector256<float> s3,
        Vector256<float> s4, Vector256<float> s5, Vector256<float> s6, Vector256<float> s7)
    {
        if (Avx.IsSupported)
        {
            // Three rounds of pairwise adds within each 128-bit lane leave [lo(s0..s3) | hi(s0..s3)] and the same for
            // s4..s7; gathering the low lanes and the high lanes and adding them finishes all eight sums: 11 instructions
            // for eight rows instead of about 5 per row.
            Vector256<float> h0123 = Avx.HorizontalAdd(Avx.HorizontalAdd(s0, s1), Avx.HorizontalAdd(s2, s3));
            Vector256<float> h4567 = Avx.HorizontalAdd(Avx.HorizontalAdd(s4, s5), Avx.HorizontalAdd(s6, s7));
            return Avx.Permute2x128(h0123, h4567, 0x20) + Avx.Permute2x128(h0123, h4567, 0x31);
        }

        return Vector256.Create(
            Vector256.Sum(s0), Vector256.Sum(s1), Vector256.Sum(s2), Vector256.Sum(s3),
            Vector256.Sum(s4), Vector256.Sum(s5), Vector256.Sum(s6), Vector256.Sum(s7));
    }

    /// <summary>The element sums of four vectors, as one 128-bit vector: element <c>i</c> is the sum of <c>s_i</c>'s elements.</summary>
    /// <param name="s0">Summed into element 0.</param>
    /// <param name="s1">Summed into element 1.</param>
    /// <param name="s2">Summed into element 2.</param>
    /// <param name="s3">Summed into element 3.</param>
    /// <returns><c>[sum(s0), sum(s1), sum(s2), sum(s3)]</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sums(Vector256<float> s0, Vector256<float> s1, Vector256<float> s2, Vector256<float> s3)
    {
        if (Avx.IsSupported)
        {
            Vector256<float> h = Avx.HorizontalAdd(Avx.HorizontalAdd(s0, s1), Avx.HorizontalAdd(s2, s3));
            return h.GetLower() + h.GetUpper();
        }

        return Vector128.Create(Vector256.Sum(s0), Vector256.Sum(s1), Vector256.Sum(s2), Vector256.Sum(s3));
    }
    /// <summary>tanh of every lane, exactly as <see cref="ActivationKernels.Tanh(System.Span{float})"/> computes it.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> z) => VectorActivations<Width256, Vector256<float>>.Tanh(z);

    /// <summary><c>1 / (1 + e^-z)</c> of every lane, exactly as <see cref="ActivationKernels.Sigmoid"/> computes it.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> z) => VectorActivations<Width256, Vector256<float>>.Sigmoid(z);

    /// <summary><c>z / (1 + |z|)</c> of every lane, exactly as <see cref="ActivationKernels.Softsign"/> computes it.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Softsign(Vector256<float> z) => VectorActivations<Width256, Vector256<float>>.Softsign(z);

    /// <summary>Relu (<paramref name="slope"/> 0) or LeakyRelu of every lane, exactly as <see cref="ActivationKernels.Rectify"/> computes it.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="slope">The slope for negative inputs.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Rectify(Vector256<float> z, float slope) => VectorActivations<Width256, Vector256<float>>.Rectify(z, Vector256.Create(slope));

    /// <summary>Elu or Selu of every lane, exactly as <see cref="ActivationKernels.ExponentialLinear"/> computes it.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="positiveScale">The factor for positive inputs.</param>
    /// <param name="negativeScale">The factor of <c>e^z - 1</c> for the others.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ExponentialLinear(Vector256<float> z, float positiveScale, float negativeScale) =>
        VectorActivations<Width256, Vector256<float>>.ExponentialLinear(z, Vector256.Create(positiveScale), Vector256.Create(negativeScale));
}
#endif
