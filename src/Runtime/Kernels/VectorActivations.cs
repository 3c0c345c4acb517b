#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using NetGen.Kernels.Batch;

namespace NetGen.Kernels;

/// <summary>
/// The activations on one vector, written once for every width (<see cref="IVectorWidth{TVector}"/>).
/// <see cref="ActivationKernels"/> runs them over a span at the widest accelerated width first and finishes with its
/// scalar methods, which evaluate the same operations in the same order (fused where these are), so an element's result
/// does not depend on which width reached it, and a batch row gets exactly what a single example gets.
/// </summary>
/// <typeparam name="TWidth">The vector width.</typeparam>
/// <typeparam name="TVector">Its vector type.</typeparam>
internal static class VectorActivations<TWidth, TVector>
    where TWidth : struct, IVectorWidth<TVector>
    where TVector : struct
{
    /// <summary>tanh by the rational approximation of <see cref="ActivationKernels.Tanh(float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Tanh(TVector value)
    {
        TVector clamp = TWidth.Broadcast(TanhCoefficients.Clamp);
        TVector x = TWidth.Min(clamp, TWidth.Max(TWidth.Broadcast(-TanhCoefficients.Clamp), value));
        TVector x2 = TWidth.Multiply(x, x);
        TVector x4 = TWidth.Multiply(x2, x2);
        TVector x8 = TWidth.Multiply(x4, x4);
        // Estrin's scheme: three levels of independent multiply-adds instead of a chain of six, because a small layer's
        // activation is on the forward pass's critical path.
        TVector p01 = TWidth.MultiplyAdd(TWidth.Broadcast(TanhCoefficients.Alpha3), x2, TWidth.Broadcast(TanhCoefficients.Alpha1));
        TVector p23 = TWidth.MultiplyAdd(TWidth.Broadcast(TanhCoefficients.Alpha7), x2, TWidth.Broadcast(TanhCoefficients.Alpha5));
        TVector p45 = TWidth.MultiplyAdd(TWidth.Broadcast(TanhCoefficients.Alpha11), x2, TWidth.Broadcast(TanhCoefficients.Alpha9));
        TVector p0123 = TWidth.MultiplyAdd(p23, x4, p01);
        TVector p456 = TWidth.MultiplyAdd(TWidth.Broadcast(TanhCoefficients.Alpha13), x4, p45);
        TVector p = TWidth.MultiplyAdd(p456, x8, p0123);
        TVector q01 = TWidth.MultiplyAdd(TWidth.Broadcast(TanhCoefficients.Beta2), x2, TWidth.Broadcast(TanhCoefficients.Beta0));
        TVector q23 = TWidth.MultiplyAdd(TWidth.Broadcast(TanhCoefficients.Beta6), x2, TWidth.Broadcast(TanhCoefficients.Beta4));
        TVector q = TWidth.MultiplyAdd(q23, x4, q01);
        return TWidth.Divide(TWidth.Multiply(x, p), q);
    }

    /// <summary>e^x by the formula of <see cref="ActivationKernels.Exp(float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Exp(TVector value)
    {
        TVector x = TWidth.Min(TWidth.Broadcast(ExpCoefficients.Max), TWidth.Max(TWidth.Broadcast(ExpCoefficients.Min), value));
        TVector shift = TWidth.Broadcast(ExpCoefficients.RoundingShift);
        TVector shifted = TWidth.MultiplyAdd(x, TWidth.Broadcast(ExpCoefficients.Log2E), shift);
        TVector n = TWidth.Subtract(shifted, shift);
        TVector r = TWidth.MultiplyAdd(n, TWidth.Broadcast(-ExpCoefficients.Ln2High), x);
        r = TWidth.MultiplyAdd(n, TWidth.Broadcast(-ExpCoefficients.Ln2Low), r);
        TVector p = TWidth.MultiplyAdd(TWidth.Broadcast(ExpCoefficients.P0), r, TWidth.Broadcast(ExpCoefficients.P1));
        p = TWidth.MultiplyAdd(p, r, TWidth.Broadcast(ExpCoefficients.P2));
        p = TWidth.MultiplyAdd(p, r, TWidth.Broadcast(ExpCoefficients.P3));
        p = TWidth.MultiplyAdd(p, r, TWidth.Broadcast(ExpCoefficients.P4));
        p = TWidth.MultiplyAdd(p, r, TWidth.Broadcast(ExpCoefficients.P5));
        p = TWidth.Add(TWidth.Add(TWidth.Multiply(p, TWidth.Multiply(r, r)), r), TWidth.Broadcast(1f));
        return TWidth.Multiply(p, TWidth.PowerOfTwo(shifted, shift));
    }

    /// <summary><c>1 / (1 + e^-z)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Sigmoid(TVector z)
    {
        TVector one = TWidth.Broadcast(1f);
        return TWidth.Divide(one, TWidth.Add(one, Exp(TWidth.Multiply(z, TWidth.Broadcast(-1f)))));
    }

    /// <summary><c>z / (1 + |z|)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Softsign(TVector z) => TWidth.Divide(z, TWidth.Add(TWidth.Broadcast(1f), TWidth.Abs(z)));

    /// <summary><c>positive * z</c> where <c>z &gt; 0</c>, else <c>negative * (e^z - 1)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector ExponentialLinear(TVector z, TVector positive, TVector negative)
    {
        // exp of min(z, 0): the discarded lane never overflows.
        TVector below = TWidth.Multiply(negative, TWidth.Subtract(Exp(TWidth.Min(TWidth.Broadcast(0f), z)), TWidth.Broadcast(1f)));
        return TWidth.SelectWherePositive(z, TWidth.Multiply(positive, z), below);
    }

    /// <summary><c>z</c> where <c>z &gt; 0</c>, else <c>slope * z</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Rectify(TVector z, TVector slope) => TWidth.SelectWherePositive(z, z, TWidth.Multiply(z, slope));
}
#endif
