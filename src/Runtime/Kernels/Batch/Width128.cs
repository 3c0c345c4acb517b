#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels.Batch;

/// <summary>128-bit vectors (SSE, ARM NEON): 4 floats.</summary>
internal readonly struct Width128 : IVectorWidth<Vector128<float>>
{
    public static int Lanes => 4;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(ref float source, int offset) => Vector128.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> value, ref float target, int offset) => Vector128.StoreUnsafe(value, ref target, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Broadcast(float value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> addend) =>
        Simd128.MultiplyAdd(a, b, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sums(Vector128<float> s0, Vector128<float> s1, Vector128<float> s2, Vector128<float> s3) =>
        Simd128.Sums(s0, s1, s2, s3);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Subtract(Vector128<float> a, Vector128<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Divide(Vector128<float> a, Vector128<float> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Max(Vector128<float> bound, Vector128<float> value)
    {
        if (Sse.IsSupported) return Sse.Max(bound, value);
        if (AdvSimd.IsSupported) return AdvSimd.Max(bound, value);
        return Vector128.ConditionalSelect(Vector128.GreaterThan(bound, value), bound, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Min(Vector128<float> bound, Vector128<float> value)
    {
        if (Sse.IsSupported) return Sse.Min(bound, value);
        if (AdvSimd.IsSupported) return AdvSimd.Min(bound, value);
        return Vector128.ConditionalSelect(Vector128.LessThan(bound, value), bound, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Abs(Vector128<float> value) => Vector128.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SelectWherePositive(Vector128<float> test, Vector128<float> whenPositive, Vector128<float> otherwise) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(test, Vector128<float>.Zero), whenPositive, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> PowerOfTwo(Vector128<float> shifted, Vector128<float> shift) =>
        Vector128.AsSingle(Vector128.ShiftLeft(Vector128.AsInt32(shifted) - Vector128.AsInt32(shift) + Vector128.Create(127), 23));
}
#endif
