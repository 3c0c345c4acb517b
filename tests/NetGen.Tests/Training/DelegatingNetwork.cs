using System;

namespace NetGen.Tests.Training;

/// <summary>Forwards every member to another network; tests override the batch accumulation Fit's workers call to observe or disturb it.</summary>
internal abstract class DelegatingNetwork(INetwork inner) : INetwork
{
    public int InputSize => inner.InputSize;
    public int OutputSize => inner.OutputSize;
    public int ParameterCount => inner.ParameterCount;
    public int LayerCount => inner.LayerCount;
    public NetworkArchitecture Architecture => inner.Architecture;
    public Span<float> Parameters => inner.Parameters;
    public Span<float> Gradients => inner.Gradients;
    public void Forward(ReadOnlySpan<float> input, Span<float> output) => inner.Forward(input, output);
    public int Classify(ReadOnlySpan<float> input) => inner.Classify(input);
    public virtual void ForwardBatch(ReadOnlySpan<float> inputs, Span<float> outputs, int count) => inner.ForwardBatch(inputs, outputs, count);
    public float AccumulateGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> target) => inner.AccumulateGradients(input, target);
    public float AccumulateGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradients) => inner.AccumulateGradients(input, target, gradients);
    public float AccumulateGradientsBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count) => inner.AccumulateGradientsBatch(inputs, targets, count);
    public void ZeroGradients() => inner.ZeroGradients();
    public string Summary() => inner.Summary();

    public virtual float AccumulateGradientsBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, Span<float> gradients, ulong dropoutStream) =>
        inner.AccumulateGradientsBatch(inputs, targets, count, gradients, dropoutStream);
}
