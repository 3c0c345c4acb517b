using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.InteropServices;

namespace NetGen.Kernels;

/// <summary>
/// Vectorised activations for generated networks, where a scalar <see cref="MathF"/> call per unit would cost more
/// than the layer's multiply-adds (a 32-unit tanh layer: 32 calls of ~5 ns against ~50 ns of dot products).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ActivationKernels
{
    // tanh(x) = x P(x^2) / Q(x^2) on [-7.905, 7.905], beyond which float tanh is exactly +-1. This is the rational
    // minimax approximation Eigen uses for float (generic_fast_tanh_float), accurate to a few ulp; the vector and
    // scalar paths evaluate the same expression so results do not depend on the element's position.
    private const float Clamp = 7.90531110763549805f;
    private const float Alpha1 = 4.89352455891786e-03f;
    private const float Alpha3 = 6.37261928875436e-04f;
    private const float Alpha5 = 1.48572235717979e-05f;
    private const float Alpha7 = 5.12229709037114e-08f;
    private const float Alpha9 = -8.60467152213735e-11f;
    private const float Alpha11 = 2.00018790482477e-13f;
    private const float Alpha13 = -2.76076847742355e-16f;
    private const float Beta0 = 4.89352518554385e-03f;
    private const float Beta2 = 2.26843463243900e-03f;
    private const float Beta4 = 1.18534705686654e-04f;
    private const float Beta6 = 1.19825839466702e-06f;

    /// <summary>Replaces every element of <paramref name="values"/> by its hyperbolic tangent.</summary>
    /// <param name="values">The pre-activations, overwritten with the activations.</param>
    public static void Tanh(Span<float> values)
    {
        int done = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Span<Vector<float>> vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
            var clamp = new Vector<float>(Clamp);
            for (int i = 0; i < vectors.Length; i++)
            {
                Vector<float> x = Vector.Min(Vector.Max(vectors[i], -clamp), clamp);
                Vector<float> x2 = x * x;
                Vector<float> p = new Vector<float>(Alpha13) * x2 + new Vector<float>(Alpha11);
                p = p * x2 + new Vector<float>(Alpha9);
                p = p * x2 + new Vector<float>(Alpha7);
                p = p * x2 + new Vector<float>(Alpha5);
                p = p * x2 + new Vector<float>(Alpha3);
                p = p * x2 + new Vector<float>(Alpha1);
                Vector<float> q = new Vector<float>(Beta6) * x2 + new Vector<float>(Beta4);
                q = q * x2 + new Vector<float>(Beta2);
                q = q * x2 + new Vector<float>(Beta0);
                vectors[i] = x * p / q;
            }

            done = vectors.Length * Vector<float>.Count;
        }

        for (int i = done; i < values.Length; i++) values[i] = Tanh(values[i]);
    }

    /// <summary>The same approximation for one value.</summary>
    /// <param name="value">The pre-activation.</param>
    public static float Tanh(float value)
    {
        float x = MathF.Min(MathF.Max(value, -Clamp), Clamp);
        float x2 = x * x;
        float p = Alpha13 * x2 + Alpha11;
        p = p * x2 + Alpha9;
        p = p * x2 + Alpha7;
        p = p * x2 + Alpha5;
        p = p * x2 + Alpha3;
        p = p * x2 + Alpha1;
        float q = Beta6 * x2 + Beta4;
        q = q * x2 + Beta2;
        q = q * x2 + Beta0;
        return x * p / q;
    }

    // exp(x) = 2^n e^r with n = round(x / ln 2) and |r| <= ln 2 / 2: r is x - n ln 2 with ln 2 split in two so the
    // product n ln 2 is exact to float precision (Cody-Waite), and e^r is Cephes' degree-6 polynomial for expf. The
    // argument is clamped to [-87.33, 88] so 2^n stays a normal float: below, results are 2^-126 instead of smaller
    // denormals or 0; above, exp(88) = 1.65e38 instead of larger values or infinity. No generated caller is affected:
    // softmax exponents are at most 0, Elu and Selu take exp of non-positive values, and sigmoid's 1 / (1 + e^-z) is
    // within 1e-38 of its limit there. The measured maximum error is ExpErrorUlps.
    private const float ExpMin = -87.33654f;
    private const float ExpMax = 88f;
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;
    private const float RoundingShift = 12582912f; // 1.5 * 2^23: adding it rounds a float below 2^22 to an integer
    private const float Exp0 = 1.9875691500e-4f;
    private const float Exp1 = 1.3981999507e-3f;
    private const float Exp2 = 8.3334519073e-3f;
    private const float Exp3 = 4.1665795894e-2f;
    private const float Exp4 = 1.6666665459e-1f;
    private const float Exp5 = 5.0000001201e-1f;

    /// <summary>
    /// The largest error of <see cref="Exp(float)"/> against the exact exponential over the clamped range, in units of
    /// the result's last place, measured by a dense sweep of the range (ActivationKernelTests holds the kernel to it).
    /// </summary>
    public const int ExpErrorUlps = 1; // measured: 0.97 ulp

    /// <summary>e^<paramref name="value"/> by the vector kernel's formula, for one value (the kernels' scalar tails use it).</summary>
    /// <param name="value">The exponent; clamped to [-87.33654, 88].</param>
    /// <returns>e^value within <see cref="ExpErrorUlps"/> ulp.</returns>
    public static float Exp(float value)
    {
        float x = MathF.Min(MathF.Max(value, ExpMin), ExpMax);
        float shifted = x * Log2E + RoundingShift;
        float n = shifted - RoundingShift;
        float r = x - n * Ln2High - n * Ln2Low;
        float p = Exp0 * r + Exp1;
        p = p * r + Exp2;
        p = p * r + Exp3;
        p = p * r + Exp4;
        p = p * r + Exp5;
        p = p * (r * r) + r + 1f;
        return p * BitConverter.Int32BitsToSingle(((int)n + 127) << 23);
    }

    private static Vector<float> Exp(Vector<float> value)
    {
        Vector<float> x = Vector.Min(Vector.Max(value, new Vector<float>(ExpMin)), new Vector<float>(ExpMax));
        Vector<float> shifted = x * new Vector<float>(Log2E) + new Vector<float>(RoundingShift);
        Vector<float> n = shifted - new Vector<float>(RoundingShift);
        Vector<float> r = x - n * new Vector<float>(Ln2High) - n * new Vector<float>(Ln2Low);
        Vector<float> p = new Vector<float>(Exp0) * r + new Vector<float>(Exp1);
        p = p * r + new Vector<float>(Exp2);
        p = p * r + new Vector<float>(Exp3);
        p = p * r + new Vector<float>(Exp4);
        p = p * r + new Vector<float>(Exp5);
        p = p * (r * r) + r + Vector<float>.One;
        // The rounding shift left n in the low mantissa bits of 'shifted'; n + 127 moved into the exponent field is 2^n.
        Vector<int> exponent = (Vector.AsVectorInt32(shifted) - Vector.AsVectorInt32(new Vector<float>(RoundingShift)) + new Vector<int>(127)) * new Vector<int>(1 << 23);
        return p * Vector.AsVectorSingle(exponent);
    }

    /// <summary>Replaces every element of <paramref name="values"/> by its exponential (see <see cref="Exp(float)"/>).</summary>
    /// <param name="values">The exponents, overwritten with the results.</param>
    public static void Exp(Span<float> values)
    {
        int done = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Span<Vector<float>> vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
            for (int i = 0; i < vectors.Length; i++) vectors[i] = Exp(vectors[i]);
            done = vectors.Length * Vector<float>.Count;
        }

        for (int i = done; i < values.Length; i++) values[i] = Exp(values[i]);
    }

    /// <summary>Replaces every element by <c>1 / (1 + e^-z)</c>, with the exponential of <see cref="Exp(float)"/>.</summary>
    /// <param name="values">The pre-activations, overwritten with the activations.</param>
    public static void Sigmoid(Span<float> values)
    {
        int done = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Span<Vector<float>> vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
            for (int i = 0; i < vectors.Length; i++) vectors[i] = Vector<float>.One / (Vector<float>.One + Exp(-vectors[i]));
            done = vectors.Length * Vector<float>.Count;
        }

        for (int i = done; i < values.Length; i++) values[i] = 1f / (1f + Exp(-values[i]));
    }

    /// <summary>Replaces every element by <c>z / (1 + |z|)</c> (Softsign).</summary>
    /// <param name="values">The pre-activations, overwritten with the activations.</param>
    public static void Softsign(Span<float> values)
    {
        int done = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Span<Vector<float>> vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
            for (int i = 0; i < vectors.Length; i++) vectors[i] = vectors[i] / (Vector<float>.One + Vector.Abs(vectors[i]));
            done = vectors.Length * Vector<float>.Count;
        }

        for (int i = done; i < values.Length; i++) values[i] = values[i] / (1f + Math.Abs(values[i]));
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
        int done = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Span<Vector<float>> vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
            var positive = new Vector<float>(positiveScale);
            var negative = new Vector<float>(negativeScale);
            for (int i = 0; i < vectors.Length; i++)
            {
                Vector<float> z = vectors[i];
                // exp of min(z, 0): the discarded lane never overflows.
                Vector<float> below = negative * (Exp(Vector.Min(z, Vector<float>.Zero)) - Vector<float>.One);
                vectors[i] = Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<float>.Zero), positive * z, below);
            }

            done = vectors.Length * Vector<float>.Count;
        }

        for (int i = done; i < values.Length; i++)
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
        int done = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Span<Vector<float>> vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
            var s = new Vector<float>(slope);
            // A select rather than a branch: signs of pre-activations are data, and a mispredicted branch per unit
            // costs more than the layer's share of multiply-adds.
            for (int i = 0; i < vectors.Length; i++)
                vectors[i] = Vector.ConditionalSelect(Vector.GreaterThan(vectors[i], Vector<float>.Zero), vectors[i], vectors[i] * s);
            done = vectors.Length * Vector<float>.Count;
        }

        for (int i = done; i < values.Length; i++)
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
}
