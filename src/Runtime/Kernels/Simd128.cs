#if NET8_0_OR_GREATER
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using NetGen.Kernels.Batch;

namespace NetGen.Kernels;

/// <summary>
/// 128-bit building blocks for the <c>NET8_0_OR_GREATER</c> per-example kernels of generated networks, the path taken
/// where <c>Vector128</c> is the widest accelerated vector (SSE without AVX, and ARM NEON on Apple silicon and Android):
/// a multiply-add (fused on FMA and NEON), and the transpose-add that reduces four dot-product accumulators at once
/// with two rounds of pairwise adds (<c>haddps</c>, <c>faddp</c>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Simd128
{
    /// <summary>
    /// Whether <see cref="MultiplyAdd"/> (and the 256- and 512-bit ones, whose hardware implies FMA) fuses: scalar code
    /// that must match the vector kernels bit for bit fuses exactly when this is true.
    /// </summary>
    internal static bool FusesMultiplyAdd => Fma.IsSupported || AdvSimd.IsSupported;

    /// <summary><c>a * b + addend</c>, fused (one rounding) where the CPU has FMA or NEON.</summary>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    /// <param name="addend">The value added to the product.</param>
    /// <returns>The elementwise <c>a * b + addend</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> addend)
    {
        if (Fma.IsSupported) return Fma.MultiplyAdd(a, b, addend);
        if (AdvSimd.IsSupported) return AdvSimd.FusedMultiplyAdd(addend, a, b);
        return a * b + addend;
    }

    /// <summary>The element sums of four vectors, as one vector: element <c>i</c> is the sum of <c>s_i</c>'s elements.</summary>
    /// <param name="s0">Summed into element 0.</param>
    /// <param name="s1">Summed into element 1.</param>
    /// <param name="s2">Summed into element 2.</param>
    /// <param name="s3">Summed into element 3.</param>
    /// <returns><c>[sum(s0), sum(s1), sum(s2), sum(s3)]</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sums(Vector128<float> s0, Vector128<float> s1, Vector128<float> s2, Vector128<float> s3)
    {
        // Pairwise add of (a, b) is [a0+a1, a2+a3, b0+b1, b2+b3] on both ISAs, so two rounds leave the four totals in order.
        if (Sse3.IsSupported) return Sse3.HorizontalAdd(Sse3.HorizontalAdd(s0, s1), Sse3.HorizontalAdd(s2, s3));
        if (AdvSimd.Arm64.IsSupported) return AdvSimd.Arm64.AddPairwise(AdvSimd.Arm64.AddPairwise(s0, s1), AdvSimd.Arm64.AddPairwise(s2, s3));
        return Vector128.Create(Vector128.Sum(s0), Vector128.Sum(s1), Vector128.Sum(s2), Vector128.Sum(s3));
    }
    /// <summary>tanh of every lane, exactly as <see cref="ActivationKernels.Tanh(System.Span{float})"/> computes it.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> z) => VectorActivations<Width128, Vector128<float>>.Tanh(z);

    /// <summary><c>1 / (1 + e^-z)</c> of every lane, exactly as <see cref="ActivationKernels.Sigmoid"/> computes it.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> z) => VectorActivations<Width128, Vector128<float>>.Sigmoid(z);

    /// <summary><c>z / (1 + |z|)</c> of every lane, exactly as <see cref="ActivationKernels.Softsign"/> computes it.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Softsign(Vector128<float> z) => VectorActivations<Width128, Vector128<float>>.Softsign(z);

    /// <summary>Relu (<paramref name="slope"/> 0) or LeakyRelu of every lane, exactly as <see cref="ActivationKernels.Rectify"/> computes it.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="slope">The slope for negative inputs.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Rectify(Vector128<float> z, float slope) => VectorActivations<Width128, Vector128<float>>.Rectify(z, Vector128.Create(slope));

    /// <summary>Elu or Selu of every lane, exactly as <see cref="ActivationKernels.ExponentialLinear"/> computes it.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="positiveScale">The factor for positive inputs.</param>
    /// <param name="negativeScale">The factor of <c>e^z - 1</c> for the others.</param>
    /// <returns>The activations.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ExponentialLinear(Vector128<float> z, float positiveScale, float negativeScale) =>
        VectorActivations<Width128, Vector128<float>>.ExponentialLinear(z, Vector128.Create(positiveScale), Vector128.Create(negativeScale));
}
#endif
