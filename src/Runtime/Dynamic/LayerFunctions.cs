using System;
using NetGen.Kernels;

namespace NetGen.Dynamic;

/// <summary>
/// A <see cref="DynamicNetwork"/> layer's activation, its derivative and the output loss, switching at run time on what
/// a generated network fixes at compile time. Each case is the formula the generator writes for that activation or loss
/// (the same <see cref="ActivationKernels"/> calls, the same constants, the derivative through <c>a = g(z)</c>), so both
/// kinds of network compute the same values.
/// </summary>
internal static class LayerFunctions
{
    private const double SeluLambdaExact = 1.0507009873554804934193349852946;
    private const double SeluAlphaExact = 1.6732632423543772848170429916717;

    /// <summary>Selu's lambda, rounded to float as the generator writes it.</summary>
    public const float SeluLambda = (float)SeluLambdaExact;

    /// <summary>Selu's lambda times alpha, multiplied in double and rounded once, as the generator writes it.</summary>
    public const float SeluLambdaAlpha = (float)(SeluLambdaExact * SeluAlphaExact);

    /// <summary>Applies the layer's activation in place to one example's pre-activations.</summary>
    public static void Activate(Span<float> values, Activation activation, float alpha)
    {
        switch (activation)
        {
            case Activation.Identity:
                break;
            case Activation.Sigmoid:
                ActivationKernels.Sigmoid(values);
                break;
            case Activation.Tanh:
                ActivationKernels.Tanh(values);
                break;
            case Activation.Relu:
                ActivationKernels.Rectify(values, 0f);
                break;
            case Activation.LeakyRelu:
                ActivationKernels.Rectify(values, alpha);
                break;
            case Activation.Elu:
                ActivationKernels.ExponentialLinear(values, 1f, alpha);
                break;
            case Activation.Selu:
                ActivationKernels.ExponentialLinear(values, SeluLambda, SeluLambdaAlpha);
                break;
            case Activation.Softmax:
                ActivationKernels.Softmax(values);
                break;
            case Activation.Softsign:
                ActivationKernels.Softsign(values);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Not a defined Activation.");
        }
    }

    /// <summary>
    /// Turns dL/dA into dL/dZ elementwise from the activations <c>a = g(z)</c>; Identity leaves the deltas as they are.
    /// Softmax is not elementwise (it couples its outputs) and is handled by <see cref="OutputGradient"/>.
    /// </summary>
    public static void Derivative(ReadOnlySpan<float> activations, Span<float> deltas, Activation activation, float alpha)
    {
        switch (activation)
        {
            case Activation.Relu:
                ActivationKernels.RectifyGradient(activations, deltas, 0f);
                break;
            case Activation.LeakyRelu:
                ActivationKernels.RectifyGradient(activations, deltas, alpha);
                break;
            case Activation.Sigmoid:
                for (int i = 0; i < deltas.Length; i++)
                {
                    float a = activations[i];
                    deltas[i] = deltas[i] * a * (1f - a);
                }

                break;
            case Activation.Tanh:
                for (int i = 0; i < deltas.Length; i++)
                {
                    float a = activations[i];
                    deltas[i] = deltas[i] * (1f - a * a);
                }

                break;
            case Activation.Elu:
                for (int i = 0; i < deltas.Length; i++)
                {
                    float a = activations[i];
                    deltas[i] = a > 0f ? deltas[i] : deltas[i] * (a + alpha);
                }

                break;
            case Activation.Selu:
                for (int i = 0; i < deltas.Length; i++)
                {
                    float a = activations[i];
                    deltas[i] = a > 0f ? deltas[i] * SeluLambda : deltas[i] * (a + SeluLambdaAlpha);
                }

                break;
            case Activation.Softsign:
                // (1 - |a|)^2, in the generator's operation order.
                for (int i = 0; i < deltas.Length; i++)
                {
                    float a = activations[i];
                    deltas[i] = deltas[i] * ((1f - Math.Abs(a)) * (1f - Math.Abs(a)));
                }

                break;
        }
    }

    /// <summary>
    /// One example's loss, and dL/dZ of the output layer into <paramref name="delta"/>: log-sum-exp for Softmax with
    /// cross-entropy, the logits form for Sigmoid with binary cross-entropy, and for squared error the difference
    /// times the output activation's derivative.
    /// </summary>
    public static float OutputGradient(Loss loss, LayerInfo output, ReadOnlySpan<float> logits, ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, Span<float> delta)
    {
        int units = output.Units;
        switch (loss)
        {
            case Loss.CategoricalCrossEntropy:
            {
                // -sum y ln softmax(z) = sum y (logsumexp(z) - z): finite even when a probability underflows to 0.
                float max = logits[0];
                for (int i = 1; i < units; i++) max = MathF.Max(max, logits[i]);
                float sumExp = 0f;
                for (int i = 0; i < units; i++) sumExp += MathF.Exp(logits[i] - max);
                float logSumExp = max + MathF.Log(sumExp);
                float total = 0f, targetSum = 0f;
                for (int i = 0; i < units; i++)
                {
                    float y = target[i];
                    targetSum += y;
                    if (y != 0f) total += y * (logSumExp - logits[i]);
                }

                // dL/dz = yhat * sum(y) - y: yhat - y when the target sums to 1, and exact when it does not.
                for (int i = 0; i < units; i++) delta[i] = prediction[i] * targetSum - target[i];
                return total;
            }

            case Loss.BinaryCrossEntropy:
            {
                float total = 0f;
                for (int i = 0; i < units; i++)
                {
                    float z = logits[i], y = target[i];
                    // max(z, 0) - z y + ln(1 + e^-|z|) equals -[y ln yhat + (1 - y) ln(1 - yhat)] and never takes ln 0.
                    total += MathF.Max(z, 0f) - z * y + MathF.Log(1f + MathF.Exp(-MathF.Abs(z)));
                    delta[i] = prediction[i] - y;
                }

                return total;
            }

            default:
            {
                float total = 0f;
                for (int i = 0; i < units; i++)
                {
                    float difference = prediction[i] - target[i];
                    total += 0.5f * difference * difference;
                    delta[i] = difference;
                }

                if (output.Activation == Activation.Softmax)
                {
                    // Softmax couples its outputs: dL/dz_i = s_i (dL/ds_i - sum_j dL/ds_j s_j).
                    float weighted = 0f;
                    for (int i = 0; i < units; i++) weighted += delta[i] * prediction[i];
                    for (int i = 0; i < units; i++) delta[i] = prediction[i] * (delta[i] - weighted);
                }
                else
                {
                    Derivative(prediction, delta.Slice(0, units), output.Activation, output.Alpha);
                }

                return total;
            }
        }
    }
}
