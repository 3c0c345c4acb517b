using System;

namespace NetGen.Tests.Training;

/// <summary>
/// A hand-written single Dense identity layer with MSE loss that allocates nothing, so tests can measure what Fit itself
/// allocates per batch (the reference adapter allocates on every call by design).
/// </summary>
internal sealed class AllocationFreeLinearNetwork : INetwork
{
    private readonly float[] _parameters, _gradients;

    public AllocationFreeLinearNetwork(int inputs, int outputs)
    {
        Architecture = new NetworkArchitecture(inputs, Loss.MeanSquaredError, new LayerInfo(inputs, outputs, Activation.Identity, 0, 0, 0));
        _parameters = new float[Architecture.ParameterCount];
        _gradients = new float[Architecture.ParameterCount];
        for (int i = 0; i < inputs * outputs; i++) _parameters[i] = 0.01f * ((i * 7919) % 13 - 6);
    }

    public NetworkArchitecture Architecture { get; }

    public int InputSize => Architecture.InputSize;

    public int OutputSize => Architecture.OutputSize;

    public int ParameterCount => Architecture.ParameterCount;

    public int LayerCount => 1;

    public Span<float> Parameters => _parameters;

    public Span<float> Gradients => _gradients;

    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        for (int o = 0; o < OutputSize; o++)
        {
            float z = _parameters[InputSize * OutputSize + o];
            for (int i = 0; i < InputSize; i++) z += _parameters[o * InputSize + i] * input[i];
            output[o] = z;
        }
    }

    public int Classify(ReadOnlySpan<float> input) => throw new NotSupportedException();

    public void ForwardBatch(ReadOnlySpan<float> inputs, Span<float> outputs, int count)
    {
        for (int e = 0; e < count; e++) Forward(inputs.Slice(e * InputSize, InputSize), outputs.Slice(e * OutputSize, OutputSize));
    }

    public float AccumulateGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> target) => AccumulateGradientsBatch(input, target, 1, _gradients, 0);

    public float AccumulateGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradients) => AccumulateGradientsBatch(input, target, 1, gradients, 0);

    public float AccumulateGradientsBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count) => AccumulateGradientsBatch(inputs, targets, count, _gradients, 0);

    public float AccumulateGradientsBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, Span<float> gradients, ulong dropoutStream) =>
        AccumulateGradientsBatch(inputs, targets, count, gradients, dropoutStream, Span<float>.Empty);

    public float AccumulateGradientsBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, Span<float> gradients, ulong dropoutStream, Span<float> outputs)
    {
        Span<float> output = stackalloc float[OutputSize];
        float loss = 0;
        for (int e = 0; e < count; e++)
        {
            ReadOnlySpan<float> x = inputs.Slice(e * InputSize, InputSize);
            Forward(x, output);
            if (!outputs.IsEmpty) output.CopyTo(outputs.Slice(e * OutputSize, OutputSize));
            for (int o = 0; o < OutputSize; o++)
            {
                float d = output[o] - targets[e * OutputSize + o];
                loss += 0.5f * d * d;
                for (int i = 0; i < InputSize; i++) gradients[o * InputSize + i] += d * x[i];
                gradients[InputSize * OutputSize + o] += d;
            }
        }

        return loss;
    }

    public void ZeroGradients() => Array.Clear(_gradients);

    public string Summary() => Architecture.ToString();
}
