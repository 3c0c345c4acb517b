#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels.Batch;

/// <summary>512-bit vectors (AVX-512): 16 floats.</summary>
internal readonly struct Width512 : IVectorWidth<Vector512<float>>
{
    public static int Lanes => 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref float source, int offset) => Vector512.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, ref float target, int offset) => Vector512.StoreUnsafe(value, ref target, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> addend) =>
        Simd512.MultiplyAdd(a, b, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sums(Vector512<float> s0, Vector512<float> s1, Vector512<float> s2, Vector512<float> s3) =>
        Simd512.Sums(s0, s1, s2, s3);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Divide(Vector512<float> a, Vector512<float> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Max(Vector512<float> bound, Vector512<float> value)
    {
        if (Avx512F.IsSupported) return Avx512F.Max(bound, value);
        return Vector512.ConditionalSelect(Vector512.GreaterThan(bound, value), bound, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Min(Vector512<float> bound, Vector512<float> value)
    {
        if (Avx512F.IsSupported) return Avx512F.Min(bound, value);
        return Vector512.ConditionalSelect(Vector512.LessThan(bound, value), bound, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Abs(Vector512<float> value) => Vector512.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SelectWherePositive(Vector512<float> test, Vector512<float> whenPositive, Vector512<float> otherwise) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(test, Vector512<float>.Zero), whenPositive, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> PowerOfTwo(Vector512<float> shifted, Vector512<float> shift) =>
        Vector512.AsSingle(Vector512.ShiftLeft(Vector512.AsInt32(shifted) - Vector512.AsInt32(shift) + Vector512.Create(127), 23));
}
#endif
