using System;

namespace NetGen;

/// <summary>Adam with decoupled weight decay, exactly as PyTorch's <c>torch.optim.AdamW</c>.</summary>
/// <remarks>
/// <para>Each step first shrinks every parameter, <c>p = p * (1 - lr * weightDecay)</c>, then applies the <see cref="Adam"/>
/// update with the unchanged gradient. Unlike L2 regularisation (<c>TrainingOptions.L2</c>), the decay does not pass
/// through the moment estimates, and it applies to biases too (as PyTorch does for a single parameter group).</para>
/// </remarks>
public sealed class AdamW : Adam
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Step size; positive and finite.</param>
    /// <param name="beta1">Decay of the first-moment average, in [0, 1).</param>
    /// <param name="beta2">Decay of the second-moment average, in [0, 1).</param>
    /// <param name="epsilon">Added to the root of the second moment; positive.</param>
    /// <param name="weightDecay">Decoupled decay rate; finite and at least 0.</param>
    /// <exception cref="ArgumentException">A hyperparameter is out of range (the message names the value).</exception>
    public AdamW(float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0.01f)
        : base(learningRate, beta1, beta2, epsilon, CheckedWeightDecay(weightDecay))
    {
        WeightDecay = weightDecay;
    }

    /// <summary>The decoupled weight decay rate.</summary>
    public float WeightDecay { get; }

    internal override string HyperparameterText => base.HyperparameterText + FormattableString.Invariant($" weight_decay={WeightDecay:R}");

    private static float CheckedWeightDecay(float weightDecay)
    {
        Hyperparameters.RequireNonNegative(weightDecay, nameof(weightDecay));
        return weightDecay;
    }
}
