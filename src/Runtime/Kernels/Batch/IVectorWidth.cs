#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;

namespace NetGen.Kernels.Batch;

/// <summary>
/// The few vector operations the batched and elementwise kernels need, at one width. The kernels are written once, generic over an
/// implementation of this interface; the JIT compiles each width's instantiation separately and inlines every call, so
/// the 512-, 256- and 128-bit kernels are as fast as hand-written copies would be, without the copies. The
/// implementations only adapt the Simd512/Simd256/Simd128 helpers the generated per-example kernels use too.
/// </summary>
/// <typeparam name="TVector">The vector type, for example <see cref="Vector512{T}"/> of <see cref="float"/>.</typeparam>
internal interface IVectorWidth<TVector>
    where TVector : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Lanes { get; }

    /// <summary>Loads <see cref="Lanes"/> floats starting <paramref name="offset"/> floats past <paramref name="source"/>.</summary>
    static abstract TVector Load(ref float source, int offset);

    /// <summary>Stores <paramref name="value"/> <paramref name="offset"/> floats past <paramref name="target"/>.</summary>
    static abstract void Store(TVector value, ref float target, int offset);

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TVector Broadcast(float value);

    /// <summary><c>a * b + addend</c>, fused where the CPU can.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector addend);

    /// <summary>The lane sums of four vectors: element <c>i</c> of the result is the sum of <c>s_i</c>'s lanes.</summary>
    static abstract Vector128<float> Sums(TVector s0, TVector s1, TVector s2, TVector s3);

    /// <summary><c>a + b</c>.</summary>
    static abstract TVector Add(TVector a, TVector b);

    /// <summary><c>a - b</c>.</summary>
    static abstract TVector Subtract(TVector a, TVector b);

    /// <summary><c>a * b</c>.</summary>
    static abstract TVector Multiply(TVector a, TVector b);

    /// <summary><c>a / b</c>.</summary>
    static abstract TVector Divide(TVector a, TVector b);

    /// <summary>
    /// The larger of <paramref name="bound"/> and <paramref name="value"/>, and <paramref name="value"/> where it is NaN: the
    /// CPU's own instruction (x86 <c>maxps</c> returns its second operand on NaN). <c>Vector128.Max</c> and its kin follow
    /// IEEE 754-2019 from .NET 9 on, which costs four extra instructions per call on x86, on the tanh and exp clamps.
    /// </summary>
    static abstract TVector Max(TVector bound, TVector value);

    /// <summary>The smaller of <paramref name="bound"/> and <paramref name="value"/>, and <paramref name="value"/> where it is NaN (see <see cref="Max"/>).</summary>
    static abstract TVector Min(TVector bound, TVector value);

    /// <summary>The absolute value of every lane.</summary>
    static abstract TVector Abs(TVector value);

    /// <summary>Per lane, <paramref name="whenPositive"/> where <paramref name="test"/> &gt; 0, else <paramref name="otherwise"/>.</summary>
    static abstract TVector SelectWherePositive(TVector test, TVector whenPositive, TVector otherwise);

    /// <summary>
    /// <c>2^n</c> per lane, where <paramref name="shifted"/> is <c>n + shift</c> computed in float with <paramref name="shift"/>
    /// = 1.5 * 2^23, so that <c>n</c> sits in its low mantissa bits; <c>n</c> must keep <c>2^n</c> a normal float.
    /// </summary>
    static abstract TVector PowerOfTwo(TVector shifted, TVector shift);
}
#endif
