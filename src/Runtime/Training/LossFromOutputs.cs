using System;

namespace NetGen;

/// <summary>
/// A network's per-example loss computed from its outputs (probabilities), for evaluation where only inference runs.
/// Logarithms are clamped at -100, PyTorch's <c>BCELoss</c> convention, so an output that rounds to exactly 0 or 1 costs
/// 100 instead of infinity; otherwise this equals the loss training reports up to float rounding.
/// </summary>
internal static class LossFromOutputs
{
    private const double LogFloor = -100;

    public static double Of(Loss loss, ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets)
    {
        double total = 0;
        switch (loss)
        {
            case Loss.MeanSquaredError:
                for (int k = 0; k < outputs.Length; k++)
                {
                    double d = (double)outputs[k] - targets[k];
                    total += 0.5 * d * d;
                }

                return total;
            case Loss.BinaryCrossEntropy:
                for (int k = 0; k < outputs.Length; k++)
                    total -= targets[k] * Log(outputs[k]) + (1.0 - targets[k]) * Log(1.0 - outputs[k]);
                return total;
            case Loss.CategoricalCrossEntropy:
                for (int k = 0; k < outputs.Length; k++)
                    if (targets[k] != 0) total -= targets[k] * Log(outputs[k]);
                return total;
            default:
                throw new ArgumentOutOfRangeException(nameof(loss), loss, "The architecture's loss must be resolved.");
        }
    }

    private static double Log(double x) => x > 0 ? Math.Max(Math.Log(x), LogFloor) : LogFloor;
}
