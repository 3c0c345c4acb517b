using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen;

/// <summary>
/// Stochastic gradient descent with optional momentum and Nesterov momentum, exactly as PyTorch's <c>torch.optim.SGD</c>
/// (dampening 0, no weight decay).
/// </summary>
/// <remarks>
/// <para>Per element, with learning rate <c>lr</c>, momentum <c>mu</c> and gradient <c>g</c>:</para>
/// <list type="bullet">
/// <item><description>without momentum: <c>p = p - lr * g</c>;</description></item>
/// <item><description>with momentum: <c>b = mu * b + g</c> (on the first step <c>b = g</c>: the buffer starts at 0), then
/// <c>p = p - lr * b</c>;</description></item>
/// <item><description>Nesterov: <c>b</c> as above, then <c>p = p - lr * (g + mu * b)</c>.</description></item>
/// </list>
/// <para>The lecture writes momentum as <c>v = beta * v + (1 - beta) * g; w = w - alpha * v</c>: an exponential average of
/// gradients. PyTorch's (and this) buffer is the undamped sum; starting from 0 both ways, <c>v = (1 - beta) * b</c> at every
/// step, so <c>Sgd(learningRate: alpha * (1 - beta), momentum: beta)</c> follows the lecture's rule exactly.</para>
/// </remarks>
public sealed class Sgd : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Step size <c>lr</c>; positive and finite.</param>
    /// <param name="momentum">Momentum <c>mu</c> in [0, 1); 0 for plain gradient descent.</param>
    /// <param name="nesterov">Use Nesterov momentum; needs <paramref name="momentum"/> above 0.</param>
    /// <exception cref="ArgumentException">A hyperparameter is out of range (the message names the value).</exception>
    public Sgd(float learningRate, float momentum = 0f, bool nesterov = false)
        : base(learningRate, momentum > 0 ? 1 : 0)
    {
        Hyperparameters.RequireDecayRate(momentum, nameof(momentum));
        if (nesterov && momentum == 0)
            throw new ArgumentException("Nesterov momentum needs a momentum above 0; it is 0.", nameof(nesterov));
        Momentum = momentum;
        Nesterov = nesterov;
    }

    /// <summary>The momentum <c>mu</c>; 0 for plain gradient descent.</summary>
    public float Momentum { get; }

    /// <summary>Whether the step uses Nesterov momentum.</summary>
    public bool Nesterov { get; }

    internal override string HyperparameterText => FormattableString.Invariant($"momentum={Momentum:R} nesterov={Nesterov}");

    /// <inheritdoc />
    protected override void Apply(Span<float> parameters, ReadOnlySpan<float> gradients, int offset, long step) =>
        ElementwiseUpdate.Apply(new Kernel(this), parameters, gradients, Buffer(offset, parameters.Length), default);

    /// <inheritdoc />
    protected override bool StaysFinite(ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradients, int offset, long step) =>
        ElementwiseUpdate.StaysFinite(new Kernel(this), parameters, gradients, Buffer(offset, parameters.Length), default);

    private protected override bool CanStepInto => true;

    private protected override bool StepInto(ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradients, int offset, long step, Span<float> nextParameters) =>
        ElementwiseUpdate.StepInto(new Kernel(this), parameters, gradients, Buffer(offset, parameters.Length), default,
            nextParameters, Momentum > 0 ? NextState(0, offset, parameters.Length) : default, default);

    private Span<float> Buffer(int offset, int length) => Momentum > 0 ? State(0, offset, length) : default;

    private readonly struct Kernel : IUpdateKernel
    {
        private readonly float _learningRate, _momentum;
        private readonly bool _useMomentum, _nesterov;

        public Kernel(Sgd optimizer)
        {
            _learningRate = optimizer.LearningRate;
            _momentum = optimizer.Momentum;
            _useMomentum = optimizer.Momentum > 0;
            _nesterov = optimizer.Nesterov;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Lanes<TMath, TVector> Update<TMath, TVector>(Lanes<TMath, TVector> parameter, Lanes<TMath, TVector> gradient,
            ref Lanes<TMath, TVector> buffer, ref Lanes<TMath, TVector> unused)
            where TMath : struct, ILaneMath<TVector>
            where TVector : struct
        {
            Lanes<TMath, TVector> learningRate = Lanes<TMath, TVector>.Broadcast(_learningRate), momentum = Lanes<TMath, TVector>.Broadcast(_momentum);
            if (!_useMomentum) return parameter - learningRate * gradient;
            buffer = (momentum * buffer + gradient).FlushSubnormal();
            Lanes<TMath, TVector> direction = _nesterov ? gradient + momentum * buffer : buffer;
            return parameter - learningRate * direction;
        }
    }
}
