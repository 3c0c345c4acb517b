#if !NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen.Kernels;

/// <summary>
/// The netstandard2.1 build's <see cref="Vector{T}"/> forms of the activations (what Unity's Mono runs), the counterpart
/// of the .NET 8+ <c>VectorActivations</c>: the same operations in the same order as the scalar tails of
/// <see cref="ActivationKernels"/>, which on this build do not fuse their multiply-adds either.
/// </summary>
internal static class PortableActivations
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Tanh(Vector<float> value)
    {
        var clamp = new Vector<float>(TanhCoefficients.Clamp);
        // Min and Max with the value second keep a NaN lane NaN on x86 (minps and maxps return their second operand).
        Vector<float> x = Vector.Min(clamp, Vector.Max(-clamp, value));
        Vector<float> x2 = x * x;
        Vector<float> x4 = x2 * x2;
        Vector<float> x8 = x4 * x4;
        Vector<float> p01 = new Vector<float>(TanhCoefficients.Alpha3) * x2 + new Vector<float>(TanhCoefficients.Alpha1);
        Vector<float> p23 = new Vector<float>(TanhCoefficients.Alpha7) * x2 + new Vector<float>(TanhCoefficients.Alpha5);
        Vector<float> p45 = new Vector<float>(TanhCoefficients.Alpha11) * x2 + new Vector<float>(TanhCoefficients.Alpha9);
        Vector<float> p0123 = p23 * x4 + p01;
        Vector<float> p456 = new Vector<float>(TanhCoefficients.Alpha13) * x4 + p45;
        Vector<float> p = p456 * x8 + p0123;
        Vector<float> q01 = new Vector<float>(TanhCoefficients.Beta2) * x2 + new Vector<float>(TanhCoefficients.Beta0);
        Vector<float> q23 = new Vector<float>(TanhCoefficients.Beta6) * x2 + new Vector<float>(TanhCoefficients.Beta4);
        Vector<float> q = q23 * x4 + q01;
        return x * p / q;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Exp(Vector<float> value)
    {
        Vector<float> x = Vector.Min(new Vector<float>(ExpCoefficients.Max), Vector.Max(new Vector<float>(ExpCoefficients.Min), value));
        var shift = new Vector<float>(ExpCoefficients.RoundingShift);
        Vector<float> shifted = x * new Vector<float>(ExpCoefficients.Log2E) + shift;
        Vector<float> n = shifted - shift;
        Vector<float> r = n * new Vector<float>(-ExpCoefficients.Ln2High) + x;
        r = n * new Vector<float>(-ExpCoefficients.Ln2Low) + r;
        Vector<float> p = new Vector<float>(ExpCoefficients.P0) * r + new Vector<float>(ExpCoefficients.P1);
        p = p * r + new Vector<float>(ExpCoefficients.P2);
        p = p * r + new Vector<float>(ExpCoefficients.P3);
        p = p * r + new Vector<float>(ExpCoefficients.P4);
        p = p * r + new Vector<float>(ExpCoefficients.P5);
        p = (p * (r * r) + r) + Vector<float>.One;
        // The rounding shift left n in the low mantissa bits of 'shifted'; n + 127 moved into the exponent field is 2^n.
        Vector<int> exponent = (Vector.AsVectorInt32(shifted) - Vector.AsVectorInt32(shift) + new Vector<int>(127)) * new Vector<int>(1 << 23);
        return p * Vector.AsVectorSingle(exponent);
    }

    /// <summary><c>1 / (1 + e^-z)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Sigmoid(Vector<float> z) => Vector<float>.One / (Vector<float>.One + Exp(-z));

    /// <summary><c>z / (1 + |z|)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Softsign(Vector<float> z) => z / (Vector<float>.One + Vector.Abs(z));

    /// <summary><c>positive * z</c> where <c>z &gt; 0</c>, else <c>negative * (e^z - 1)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> ExponentialLinear(Vector<float> z, Vector<float> positive, Vector<float> negative)
    {
        // exp of min(z, 0): the discarded lane never overflows.
        Vector<float> below = negative * (Exp(Vector.Min(Vector<float>.Zero, z)) - Vector<float>.One);
        return Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<float>.Zero), positive * z, below);
    }

    /// <summary><c>z</c> where <c>z &gt; 0</c>, else <c>slope * z</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Rectify(Vector<float> z, Vector<float> slope) =>
        Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<float>.Zero), z, z * slope);
}
#endif
