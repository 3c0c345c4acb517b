using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen;

/// <summary>RMSprop exactly as PyTorch's <c>torch.optim.RMSprop</c> (not centred, no momentum, no weight decay); <c>rho</c> is PyTorch's <c>alpha</c>.</summary>
/// <remarks>
/// <para>Per element: <c>v = rho * v + (1 - rho) * g^2</c>, then <c>p = p - lr * g / (sqrt(v) + eps)</c>, with <c>v</c> starting at 0.
/// This is the lecture's <c>s = beta s + (1 - beta) g^2; w -= alpha g / (sqrt(s) + eps)</c> with <c>beta = rho</c>.</para>
/// <para>The defaults (rho 0.9, epsilon 1e-7) are Keras's; PyTorch's are alpha 0.99, eps 1e-8. Pass those to reproduce a PyTorch run.</para>
/// </remarks>
public sealed class RmsProp : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Step size; positive and finite.</param>
    /// <param name="rho">Decay of the squared-gradient average, in [0, 1).</param>
    /// <param name="epsilon">Added to the root mean square; positive (PyTorch allows 0, which divides 0 by 0 for a zero gradient).</param>
    /// <exception cref="ArgumentException">A hyperparameter is out of range (the message names the value).</exception>
    public RmsProp(float learningRate = 0.001f, float rho = 0.9f, float epsilon = 1e-7f)
        : base(learningRate, 1)
    {
        Hyperparameters.RequireDecayRate(rho, nameof(rho));
        Hyperparameters.RequirePositive(epsilon, nameof(epsilon));
        Rho = rho;
        Epsilon = epsilon;
    }

    /// <summary>Decay of the squared-gradient average.</summary>
    public float Rho { get; }

    /// <summary>Added to the root mean square before dividing.</summary>
    public float Epsilon { get; }

    internal override string HyperparameterText => FormattableString.Invariant($"rho={Rho:R} epsilon={Epsilon:R}");

    /// <inheritdoc />
    protected override void Apply(Span<float> parameters, ReadOnlySpan<float> gradients, int offset, long step) =>
        ElementwiseUpdate.Apply(new Kernel(this), parameters, gradients, State(0, offset, parameters.Length), default);

    /// <inheritdoc />
    protected override bool StaysFinite(ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradients, int offset, long step) =>
        ElementwiseUpdate.StaysFinite(new Kernel(this), parameters, gradients, State(0, offset, parameters.Length), default);

    private protected override bool CanStepInto => true;

    private protected override bool StepInto(ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradients, int offset, long step, Span<float> nextParameters) =>
        ElementwiseUpdate.StepInto(new Kernel(this), parameters, gradients, State(0, offset, parameters.Length), default,
            nextParameters, NextState(0, offset, parameters.Length), default);

    private readonly struct Kernel : IUpdateKernel
    {
        private readonly float _learningRate, _rho, _oneMinusRho, _epsilon;

        public Kernel(RmsProp optimizer)
        {
            _learningRate = optimizer.LearningRate;
            _rho = optimizer.Rho;
            _oneMinusRho = 1f - optimizer.Rho;
            _epsilon = optimizer.Epsilon;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Lanes<TMath, TVector> Update<TMath, TVector>(Lanes<TMath, TVector> parameter, Lanes<TMath, TVector> gradient,
            ref Lanes<TMath, TVector> squareAverage, ref Lanes<TMath, TVector> unused)
            where TMath : struct, ILaneMath<TVector>
            where TVector : struct
        {
            // Same association as PyTorch's addcmul_ and addcdiv_: (value * t1) * t2 and (value * t1) / t2.
            squareAverage = (squareAverage * Lanes<TMath, TVector>.Broadcast(_rho) + Lanes<TMath, TVector>.Broadcast(_oneMinusRho) * gradient * gradient).FlushSubnormal();
            return parameter - Lanes<TMath, TVector>.Broadcast(_learningRate) * gradient / (squareAverage.SquareRoot() + Lanes<TMath, TVector>.Broadcast(_epsilon));
        }
    }
}
