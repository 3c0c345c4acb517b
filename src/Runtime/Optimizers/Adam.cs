using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen;

/// <summary>Adam exactly as PyTorch's <c>torch.optim.Adam</c> (no weight decay, not amsgrad).</summary>
/// <remarks>
/// <para>Per element, at step <c>t</c> (1 for the first), with <c>m</c> and <c>v</c> starting at 0:</para>
/// <code>
/// m = beta1 * m + (1 - beta1) * g
/// v = beta2 * v + (1 - beta2) * g^2
/// p = p - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
/// </code>
/// <para>which is the lecture's <c>w -= alpha * vhat / (sqrt(shat) + eps)</c> with <c>vhat = m / (1 - beta1^t)</c> and
/// <c>shat = v / (1 - beta2^t)</c>: epsilon is added after the square root of the bias-corrected second moment. The
/// scalar factors are computed in double and rounded once, as PyTorch does.</para>
/// </remarks>
public class Adam : Optimizer
{
    private readonly float _decoupledWeightDecay;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Step size; positive and finite.</param>
    /// <param name="beta1">Decay of the first-moment (gradient) average, in [0, 1).</param>
    /// <param name="beta2">Decay of the second-moment (squared gradient) average, in [0, 1).</param>
    /// <param name="epsilon">Added to the root of the second moment; positive (PyTorch allows 0, which divides 0 by 0 for a zero gradient).</param>
    /// <exception cref="ArgumentException">A hyperparameter is out of range (the message names the value).</exception>
    public Adam(float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f)
        : this(learningRate, beta1, beta2, epsilon, 0f)
    {
    }

    private protected Adam(float learningRate, float beta1, float beta2, float epsilon, float decoupledWeightDecay)
        : base(learningRate, 2)
    {
        Hyperparameters.RequireDecayRate(beta1, nameof(beta1));
        Hyperparameters.RequireDecayRate(beta2, nameof(beta2));
        Hyperparameters.RequirePositive(epsilon, nameof(epsilon));
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        _decoupledWeightDecay = decoupledWeightDecay;
    }

    /// <summary>Decay of the first-moment average.</summary>
    public float Beta1 { get; }

    /// <summary>Decay of the second-moment average.</summary>
    public float Beta2 { get; }

    /// <summary>Added to the root of the bias-corrected second moment.</summary>
    public float Epsilon { get; }

    internal override string HyperparameterText => FormattableString.Invariant($"beta1={Beta1:R} beta2={Beta2:R} epsilon={Epsilon:R}");

    /// <inheritdoc />
    protected sealed override void Apply(Span<float> parameters, ReadOnlySpan<float> gradients, int offset, long step) =>
        ElementwiseUpdate.Apply(new Kernel(this, step), parameters, gradients, State(0, offset, parameters.Length), State(1, offset, parameters.Length));

    /// <inheritdoc />
    protected sealed override bool StaysFinite(ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradients, int offset, long step) =>
        ElementwiseUpdate.StaysFinite(new Kernel(this, step), parameters, gradients, State(0, offset, parameters.Length), State(1, offset, parameters.Length));

    private protected sealed override bool CanStepInto => true;

    private protected sealed override bool StepInto(ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradients, int offset, long step, Span<float> nextParameters) =>
        ElementwiseUpdate.StepInto(new Kernel(this, step), parameters, gradients, State(0, offset, parameters.Length), State(1, offset, parameters.Length),
            nextParameters, NextState(0, offset, parameters.Length), NextState(1, offset, parameters.Length));

    private readonly struct Kernel : IUpdateKernel
    {
        private readonly float _decay, _beta1, _oneMinusBeta1, _beta2, _oneMinusBeta2, _stepSize, _correction2Root, _epsilon;

        public Kernel(Adam optimizer, long step)
        {
            double lr = optimizer.LearningRate;
            double correction1 = 1 - ElementwiseUpdate.Power(optimizer.Beta1, step);
            double correction2 = 1 - ElementwiseUpdate.Power(optimizer.Beta2, step);
            // Decay 1 (plain Adam) multiplies exactly, so one kernel serves Adam and AdamW.
            _decay = (float)(1 - lr * optimizer._decoupledWeightDecay);
            _beta1 = optimizer.Beta1;
            _oneMinusBeta1 = 1f - optimizer.Beta1;
            _beta2 = optimizer.Beta2;
            _oneMinusBeta2 = 1f - optimizer.Beta2;
            _stepSize = (float)(lr / correction1);
            _correction2Root = (float)Math.Sqrt(correction2);
            _epsilon = optimizer.Epsilon;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Lanes<TMath, TVector> Update<TMath, TVector>(Lanes<TMath, TVector> parameter, Lanes<TMath, TVector> gradient,
            ref Lanes<TMath, TVector> m, ref Lanes<TMath, TVector> v)
            where TMath : struct, ILaneMath<TVector>
            where TVector : struct
        {
            m = (m * Lanes<TMath, TVector>.Broadcast(_beta1) + Lanes<TMath, TVector>.Broadcast(_oneMinusBeta1) * gradient).FlushSubnormal();
            v = (v * Lanes<TMath, TVector>.Broadcast(_beta2) + Lanes<TMath, TVector>.Broadcast(_oneMinusBeta2) * gradient * gradient).FlushSubnormal();
            Lanes<TMath, TVector> denominator = v.SquareRoot() / Lanes<TMath, TVector>.Broadcast(_correction2Root) + Lanes<TMath, TVector>.Broadcast(_epsilon);
            return parameter * Lanes<TMath, TVector>.Broadcast(_decay) - Lanes<TMath, TVector>.Broadcast(_stepSize) * m / denominator;
        }
    }
}
