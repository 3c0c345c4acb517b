#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels.Batch;

/// <summary>256-bit vectors (AVX2): 8 floats.</summary>
internal readonly struct Width256 : IVectorWidth<Vector256<float>>
{
    public static int Lanes => 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref float source, int offset) => Vector256.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, ref float target, int offset) => Vector256.StoreUnsafe(value, ref target, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> addend) =>
        Simd256.MultiplyAdd(a, b, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sums(Vector256<float> s0, Vector256<float> s1, Vector256<float> s2, Vector256<float> s3) =>
        Simd256.Sums(s0, s1, s2, s3);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Divide(Vector256<float> a, Vector256<float> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Max(Vector256<float> bound, Vector256<float> value)
    {
        if (Avx.IsSupported) return Avx.Max(bound, value);
        return Vector256.ConditionalSelect(Vector256.GreaterThan(bound, value), bound, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Min(Vector256<float> bound, Vector256<float> value)
    {
        if (Avx.IsSupported) return Avx.Min(bound, value);
        return Vector256.ConditionalSelect(Vector256.LessThan(bound, value), bound, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Abs(Vector256<float> value) => Vector256.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SelectWherePositive(Vector256<float> test, Vector256<float> whenPositive, Vector256<float> otherwise) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(test, Vector256<float>.Zero), whenPositive, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> PowerOfTwo(Vector256<float> shifted, Vector256<float> shift) =>
        Vector256.AsSingle(Vector256.ShiftLeft(Vector256.AsInt32(shifted) - Vector256.AsInt32(shift) + Vector256.Create(127), 23));
}
#endif
