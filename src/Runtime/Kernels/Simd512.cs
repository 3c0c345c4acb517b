#if NET8_0_OR_GREATER
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels;

/// <summary>
/// 512-bit building blocks for the <c>NET8_0_OR_GREATER</c> per-example kernels of generated networks, the widest of the
/// paths they choose between at JIT time (<c>Vector512.IsHardwareAccelerated</c>): a fused multiply-add, and
/// transpose-adds that reduce several dot-product accumulators at once. A 512-bit accumulator is first folded to
/// 256 bits (one add of its halves) and then reduced with <see cref="Simd256"/>'s transpose-add, so eight rows cost
/// eight folds and one 11-instruction tree instead of a shuffle tree each.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Simd512
{
    /// <summary><c>a * b + addend</c>, fused (one rounding) where the CPU has AVX-512.</summary>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    /// <param name="addend">The value added to the product.</param>
    /// <returns>The elementwise <c>a * b + addend</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> addend) =>
        Avx512F.IsSupported ? Avx512F.FusedMultiplyAdd(a, b, addend) : a * b + addend;

    /// <summary>The element sums of eight vectors, as one 256-bit vector: element <c>i</c> is the sum of <c>s_i</c>'s elements.</summary>
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
        Vector512<float> s0, Vector512<float> s1, Vector512<float> s2, Vector512<float> s3,
        Vector512<float> s4, Vector512<float> s5, Vector512<float> s6, Vector512<float> s7) =>
        Simd256.Sums(Fold(s0), Fold(s1), Fold(s2), Fold(s3), Fold(s4), Fold(s5), Fold(s6), Fold(s7));

    /// <summary>The element sums of four vectors, as one 128-bit vector: element <c>i</c> is the sum of <c>s_i</c>'s elements.</summary>
    /// <param name="s0">Summed into element 0.</param>
    /// <param name="s1">Summed into element 1.</param>
    /// <param name="s2">Summed into element 2.</param>
    /// <param name="s3">Summed into element 3.</param>
    /// <returns><c>[sum(s0), sum(s1), sum(s2), sum(s3)]</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sums(Vector512<float> s0, Vector512<float> s1, Vector512<float> s2, Vector512<float> s3) =>
        Simd256.Sums(Fold(s0), Fold(s1), Fold(s2), Fold(s3));

    /// <summary>The sum of the lower and upper halves: same total, half the width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Fold(Vector512<float> value) => value.GetLower() + value.GetUpper();
}
#endif
