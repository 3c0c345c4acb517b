#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.GeneratedCode;

/// <summary>
/// The vector operations <see cref="BatchKernels"/> needs, over one register width, so each kernel is written once and
/// the JIT compiles a copy per width (struct type arguments are specialised, and these members inline away).
/// </summary>
/// <typeparam name="TVector">The vector type: <see cref="Vector256{T}"/> or <see cref="Vector512{T}"/> of float.</typeparam>
internal interface ISimdWidth<TVector> where TVector : struct
{
    static abstract int Lanes { get; }

    static abstract TVector Load(ref float source, int offset);

    static abstract void Store(TVector value, ref float target, int offset);

    static abstract TVector Broadcast(float value);

    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector addend);

    /// <summary>Adds the vector's halves down to 256 bits, where the transpose-add of <see cref="Simd256"/> takes over.</summary>
    static abstract Vector256<float> Fold(TVector value);
}

/// <summary>AVX2-class machines: 8 floats per register.</summary>
internal readonly struct Width256 : ISimdWidth<Vector256<float>>
{
    public static int Lanes => 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref float source, int offset) => Vector256.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, ref float target, int offset) => Vector256.StoreUnsafe(value, ref target, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> addend) => Simd256.MultiplyAdd(a, b, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Fold(Vector256<float> value) => value;
}

/// <summary>AVX-512 machines (Zen 4/5, recent Xeons): 16 floats per register, twice the multiply-adds per instruction.</summary>
internal readonly struct Width512 : ISimdWidth<Vector512<float>>
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
        Avx512F.IsSupported ? Avx512F.FusedMultiplyAdd(a, b, addend) : a * b + addend;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Fold(Vector512<float> value) => value.GetLower() + value.GetUpper();
}
#endif
