using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
using NetGen.Kernels.Batch;
#endif

namespace NetGen.Kernels;

/// <summary>
/// Vectorised activations for generated networks, where a scalar <see cref="MathF"/> call per unit would cost more
/// than the layer's multiply-adds (a 32-unit tanh layer: 32 calls of ~5 ns against ~50 ns of dot products).
/// </summary>
/// <remarks>
/// On .NET 8 and later every kernel runs at the widest accelerated width first (512, then 256, then 128 bits, the
/// formulas of <c>VectorActivations</c> written once for all three) and finishes the last few elements with the scalar
/// method of the same name, which evaluates the same operations in the same order, fused wherever the vectors' are. On
/// netstandard2.1 the body is <see cref="Vector{T}"/> and nothing is fused. Either way an element's result does not
/// depend on its position in the span.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ActivationKernels
{
    /// <summary>Replaces every element of <paramref name="values"/> by its hyperbolic tangent (see <see cref="Tanh(float)"/>).</summary>
    /// <param name="values">The pre-activations, overwritten with the activations.</param>
    public static void Tanh(Span<float> values)
    {
        for (int i = VectorBody(values, default(TanhOperation)); i < values.Length; i++) values[i] = Tanh(values[i]);
    }

    /// <summary>
    /// tanh by Eigen's rational minimax approximation for float, <c>x P(x^2) / Q(x^2)</c> on [-7.905, 7.905] (beyond it
    /// float tanh is exactly +-1), within a few ulp; the polynomials are evaluated by Estrin's scheme. NaN stays NaN.
    /// </summary>
    /// <param name="value">The pre-activation.</param>
    /// <returns>The approximation of tanh(value).</returns>
    public static float Tanh(float value)
    {
        float x = MathF.Min(MathF.Max(value, -TanhCoefficients.Clamp), TanhCoefficients.Clamp);
        float x2 = x * x;
        float x4 = x2 * x2;
        float x8 = x4 * x4;
        float p01 = MultiplyAdd(TanhCoefficients.Alpha3, x2, TanhCoefficients.Alpha1);
        float p23 = MultiplyAdd(TanhCoefficients.Alpha7, x2, TanhCoefficients.Alpha5);
        float p45 = MultiplyAdd(TanhCoefficients.Alpha11, x2, TanhCoefficients.Alpha9);
        float p0123 = MultiplyAdd(p23, x4, p01);
        float p456 = MultiplyAdd(TanhCoefficients.Alpha13, x4, p45);
        float p = MultiplyAdd(p456, x8, p0123);
        float q01 = MultiplyAdd(TanhCoefficients.Beta2, x2, TanhCoefficients.Beta0);
        float q23 = MultiplyAdd(TanhCoefficients.Beta6, x2, TanhCoefficients.Beta4);
        float q = MultiplyAdd(q23, x4, q01);
        return x * p / q;
    }

    /// <summary>
    /// The largest error of <see cref="Exp(float)"/> against the exact exponential over the clamped range, in units of
    /// the result's last place, measured by a dense sweep of the range (ActivationKernelTests holds the kernel to it).
    /// </summary>
    public const int ExpErrorUlps = 1; // measured: 0.968 ulp with fused multiply-adds, 0.972 without

    /// <summary>
    /// e^<paramref name="value"/> by the vector kernels' formula, for one value (their scalar tails use it): 2^n e^r with
    /// n = round(x / ln 2), r reduced by ln 2 in two parts (Cody-Waite) and e^r by Cephes' degree-6 polynomial. The argument
    /// is clamped to [-87.33654, 88] so 2^n stays a normal float: below, results are 2^-126 instead of smaller denormals or
    /// 0; above, exp(88) = 1.65e38 instead of larger values or infinity. No generated caller is affected: softmax exponents
    /// are at most 0, Elu and Selu take exp of non-positive values, and sigmoid's 1 / (1 + e^-z) is within 1e-38 of its
    /// limit there.
    /// </summary>
    /// <param name="value">The exponent; clamped to [-87.33654, 88].</param>
    /// <returns>e^value within <see cref="ExpErrorUlps"/> ulp.</returns>
    public static float Exp(float value)
    {
        float x = MathF.Min(MathF.Max(value, ExpCoefficients.Min), ExpCoefficients.Max);
        float shifted = MultiplyAdd(x, ExpCoefficients.Log2E, ExpCoefficients.RoundingShift);
        float n = shifted - ExpCoefficients.RoundingShift;
        float r = MultiplyAdd(n, -ExpCoefficients.Ln2High, x);
        r = MultiplyAdd(n, -ExpCoefficients.Ln2Low, r);
        float p = MultiplyAdd(ExpCoefficients.P0, r, ExpCoefficients.P1);
        p = MultiplyAdd(p, r, ExpCoefficients.P2);
        p = MultiplyAdd(p, r, ExpCoefficients.P3);
        p = MultiplyAdd(p, r, ExpCoefficients.P4);
        p = MultiplyAdd(p, r, ExpCoefficients.P5);
        p = p * (r * r) + r + 1f;
        // The rounding shift left n in the low mantissa bits of 'shifted'; n + 127 moved into the exponent field is 2^n.
        int biased = BitConverter.SingleToInt32Bits(shifted) - BitConverter.SingleToInt32Bits(ExpCoefficients.RoundingShift) + 127;
        return p * BitConverter.Int32BitsToSingle(biased << 23);
    }

    /// <summary>Replaces every element of <paramref name="values"/> by its exponential (see <see cref="Exp(float)"/>).</summary>
    /// <param name="values">The exponents, overwritten with the results.</param>
    public static void Exp(Span<float> values)
    {
        for (int i = VectorBody(values, default(ExpOperation)); i < values.Length; i++) values[i] = Exp(values[i]);
    }

    /// <summary>Replaces every element by <c>1 / (1 + e^-z)</c>, with the exponential of <see cref="Exp(float)"/>.</summary>
    /// <param name="values">The pre-activations, overwritten with the activations.</param>
    public static void Sigmoid(Span<float> values)
    {
        for (int i = VectorBody(values, default(SigmoidOperation)); i < values.Length; i++) values[i] = 1f / (1f + Exp(-values[i]));
    }

    /// <summary>Replaces every element by <c>z / (1 + |z|)</c> (Softsign).</summary>
    /// <param name="values">The pre-activations, overwritten with the activations.</param>
    public static void Softsign(Span<float> values)
    {
        for (int i = VectorBody(values, default(SoftsignOperation)); i < values.Length; i++) values[i] = values[i] / (1f + Math.Abs(values[i]));
    }

    /// <summary>
    /// Replaces every element by <c>positiveScale * z</c> where <c>z &gt; 0</c> and <c>negativeScale * (e^z - 1)</c>
    /// elsewhere: Elu is (1, alpha), Selu is (lambda, lambda alpha).
    /// </summary>
    /// <param name="values">The pre-activations, overwritten with the activations.</param>
    /// <param name="positiveScale">The factor for positive inputs (1 for Elu, lambda for Selu).</param>
    /// <param name="negativeScale">The factor of <c>e^z - 1</c> for the others (alpha for Elu, lambda alpha for Selu).</param>
    public static void ExponentialLinear(Span<float> values, float positiveScale, float negativeScale)
    {
        for (int i = VectorBody(values, new ExponentialLinearOperation(positiveScale, negativeScale)); i < values.Length; i++)
        {
            float z = values[i];
            values[i] = z > 0f ? positiveScale * z : negativeScale * (Exp(z) - 1f);
        }
    }

    /// <summary>Replaces every element by <c>max(z, 0)</c> (Relu) or, for <paramref name="slope"/> &gt; 0, <c>z</c> or <c>slope * z</c> by sign (LeakyRelu).</summary>
    /// <param name="values">The pre-activations, overwritten with the activations.</param>
    /// <param name="slope">The slope for negative inputs: 0 for Relu, alpha for LeakyRelu.</param>
    public static void Rectify(Span<float> values, float slope)
    {
        // A select rather than a branch: signs of pre-activations are data, and a mispredicted branch per unit costs more
        // than the layer's share of multiply-adds.
        for (int i = VectorBody(values, new RectifyOperation(slope)); i < values.Length; i++)
        {
            float z = values[i];
            values[i] = z > 0f ? z : slope * z;
        }
    }

    /// <summary>Multiplies each delta by the Relu/LeakyRelu derivative: 1 where the activation is positive, <paramref name="slope"/> elsewhere.</summary>
    /// <param name="activations">The layer's activations <c>a = g(z)</c> (positive exactly where <c>z</c> is, as the slope is non-negative).</param>
    /// <param name="deltas">dL/dA, overwritten with dL/dZ.</param>
    /// <param name="slope">0 for Relu, alpha for LeakyRelu.</param>
    public static void RectifyGradient(ReadOnlySpan<float> activations, Span<float> deltas, float slope)
    {
        int done = 0;
        activations = activations.Slice(0, deltas.Length);
        if (Vector.IsHardwareAccelerated)
        {
            ReadOnlySpan<Vector<float>> a = MemoryMarshal.Cast<float, Vector<float>>(activations);
            Span<Vector<float>> d = MemoryMarshal.Cast<float, Vector<float>>(deltas);
            var s = new Vector<float>(slope);
            for (int i = 0; i < d.Length; i++)
                d[i] = Vector.ConditionalSelect(Vector.GreaterThan(a[i], Vector<float>.Zero), d[i], d[i] * s);
            done = d.Length * Vector<float>.Count;
        }

        for (int i = done; i < deltas.Length; i++)
            deltas[i] = activations[i] > 0f ? deltas[i] : deltas[i] * slope;
    }

    /// <summary>Softmax in place, shifted by the largest value so every exponent is at most 0 and nothing overflows.</summary>
    /// <param name="values">The logits, overwritten with probabilities summing to 1.</param>
    public static void Softmax(Span<float> values)
    {
        float max = values[0];
        for (int i = 1; i < values.Length; i++) max = MathF.Max(max, values[i]);
        for (int i = 0; i < values.Length; i++) values[i] -= max;
        Exp(values);
        float sum = 0f;
        for (int i = 0; i < values.Length; i++) sum += values[i];
        float inverse = 1f / sum;
        for (int i = 0; i < values.Length; i++) values[i] *= inverse;
    }

    /// <summary><c>a * b + addend</c>, fused exactly when the vector widths' multiply-adds are, so scalar tails match them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float MultiplyAdd(float a, float b, float addend)
    {
#if NET8_0_OR_GREATER
        if (Simd128.FusesMultiplyAdd) return MathF.FusedMultiplyAdd(a, b, addend);
#endif
        return a * b + addend;
    }

    /// <summary>
    /// Runs <paramref name="operation"/> over the longest prefix of <paramref name="values"/> the vector widths cover and
    /// returns its length; the caller finishes the rest with the scalar formula.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int VectorBody<TOperation>(Span<float> values, TOperation operation)
        where TOperation : struct, IElementwiseOperation
    {
        int length = values.Length, done = 0;
#if NET8_0_OR_GREATER
        ref float start = ref MemoryMarshal.GetReference(values);
        if (Vector512.IsHardwareAccelerated)
        {
            for (; done <= length - 16; done += 16)
                Width512.Store(operation.Apply<Width512, Vector512<float>>(Width512.Load(ref start, done)), ref start, done);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; done <= length - 8; done += 8)
                Width256.Store(operation.Apply<Width256, Vector256<float>>(Width256.Load(ref start, done)), ref start, done);
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; done <= length - 4; done += 4)
                Width128.Store(operation.Apply<Width128, Vector128<float>>(Width128.Load(ref start, done)), ref start, done);
        }
#else
        if (Vector.IsHardwareAccelerated)
        {
            Span<Vector<float>> vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
            for (int i = 0; i < vectors.Length; i++) vectors[i] = operation.Apply(vectors[i]);
            done = vectors.Length * Vector<float>.Count;
        }
#endif
        return done;
    }
}
