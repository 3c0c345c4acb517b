using System;
using NetGen.Kernels;

namespace NetGen.Playground;

/// <summary>
/// TEMPORARY stand-in for the runtime's <c>DynamicNetwork</c> (issue 11, item 1, being built on another branch): an
/// <see cref="INetwork"/> for the Playground's shapes (Identity, Tanh, Sigmoid or Relu layers, mean squared error, no
/// dropout) built on the runtime's batch and activation kernels and initialised as generated classes are, so
/// <c>Fit</c>, the optimizers and <c>Save</c> run unchanged. Only <see cref="PlaygroundNetworks"/> creates it; it is
/// deleted when <c>DynamicNetwork</c> lands.
/// </summary>
internal sealed class InterimDenseNetwork : INetwork
{
    private readonly float[] _parameters;
    private readonly float[] _gradients;

    public InterimDenseNetwork(NetworkArchitecture architecture, int seed)
    {
        Architecture = architecture ?? throw new ArgumentNullException(nameof(architecture));
        if (architecture.Loss != Loss.MeanSquaredError) throw new NotSupportedException("The interim network trains on mean squared error only.");
        _parameters = new float[architecture.ParameterCount];
        _gradients = new float[architecture.ParameterCount];
        for (int i = 0; i < architecture.Layers.Count; i++)
        {
            LayerInfo layer = architecture.Layers[i];
            if (layer.DropoutRate != 0) throw new NotSupportedException("The interim network has no dropout.");
            LayerOutputs.Activate(layer.Activation, Span<float>.Empty); // rejects activations it cannot differentiate
            Init init = layer.Activation == Activation.Relu ? Init.He : Init.Xavier; // the generator's Init.Auto
            WeightInitializer.Fill(_parameters.AsSpan(layer.ParameterOffset, layer.WeightCount), init, layer.Inputs, layer.Units, seed, i);
        }
    }

    public int InputSize => Architecture.InputSize;

    public int OutputSize => Architecture.OutputSize;

    public int ParameterCount => Architecture.ParameterCount;

    public int LayerCount => Architecture.Layers.Count;

    public NetworkArchitecture Architecture { get; }

    public Span<float> Parameters => _parameters;

    public Span<float> Gradients => _gradients;

    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        if (input.Length != InputSize) NetworkArgument.ThrowWrongLength(nameof(input), input.Length, nameof(InterimDenseNetwork), nameof(InputSize), InputSize);
        if (output.Length != OutputSize) NetworkArgument.ThrowWrongLength(nameof(output), output.Length, nameof(InterimDenseNetwork), nameof(OutputSize), OutputSize);
        ForwardBatch(input, output, 1);
    }

    public int Classify(ReadOnlySpan<float> input)
    {
        Span<float> output = new float[OutputSize];
        Forward(input, output);
        int best = 0;
        for (int i = 1; i < output.Length; i++) if (output[i] > output[best]) best = i;
        return best;
    }

    public void ForwardBatch(ReadOnlySpan<float> inputs, Span<float> outputs, int count)
    {
        CheckBlock(inputs, outputs, count, nameof(outputs), OutputSize);
        if (count == 0) return;
        var layers = new LayerOutputs(Architecture, count);
        layers.Compute(_parameters, inputs, count);
        layers.Layer(LayerCount - 1).CopyTo(outputs);
    }

    public float AccumulateGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> target) =>
        AccumulateGradientsBatch(input, target, 1, _gradients, 0);

    public float AccumulateGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradients) =>
        AccumulateGradientsBatch(input, target, 1, gradients, 0);

    public float AccumulateGradientsBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count) =>
        AccumulateGradientsBatch(inputs, targets, count, _gradients, 0);

    public float AccumulateGradientsBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, Span<float> gradients, ulong dropoutStream)
    {
        CheckBlock(inputs, targets, count, nameof(targets), OutputSize);
        if (gradients.Length != ParameterCount) NetworkArgument.ThrowWrongLength(nameof(gradients), gradients.Length, nameof(InterimDenseNetwork), nameof(ParameterCount), ParameterCount);
        if (count == 0) return 0f;
        var layers = new LayerOutputs(Architecture, count);
        layers.Compute(_parameters, inputs, count);

        // dL/dz of the output layer for L = 0.5 (a - t)^2, then back through each layer.
        LayerInfo last = Architecture.Layers[LayerCount - 1];
        ReadOnlySpan<float> output = layers.Layer(LayerCount - 1);
        var delta = new float[count * last.Units];
        double loss = 0;
        for (int i = 0; i < delta.Length; i++)
        {
            float difference = output[i] - targets[i];
            loss += 0.5 * difference * difference;
            delta[i] = difference;
        }

        for (int l = LayerCount - 1; l >= 0; l--)
        {
            LayerInfo layer = Architecture.Layers[l];
            MultiplyByDerivative(layer.Activation, layers.Layer(l), delta);
            ReadOnlySpan<float> x = l == 0 ? inputs.Slice(0, count * InputSize) : layers.Layer(l - 1);
            BatchKernels.AccumulateGradients(delta, x, gradients.Slice(layer.ParameterOffset, layer.WeightCount), gradients.Slice(layer.BiasOffset, layer.Units), count, layer.Inputs, layer.Units);
            if (l == 0) break;
            var previous = new float[count * layer.Inputs];
            BatchKernels.InputGradients(_parameters.AsSpan(layer.ParameterOffset, layer.WeightCount), delta, previous, count, layer.Inputs, layer.Units);
            delta = previous;
        }

        return (float)loss;
    }

    public void ZeroGradients() => Array.Clear(_gradients);

    public string Summary() => Architecture.ToString();

    private static void MultiplyByDerivative(Activation activation, ReadOnlySpan<float> a, Span<float> delta)
    {
        switch (activation)
        {
            case Activation.Identity: break;
            case Activation.Tanh: for (int i = 0; i < delta.Length; i++) delta[i] *= 1f - a[i] * a[i]; break;
            case Activation.Sigmoid: for (int i = 0; i < delta.Length; i++) delta[i] *= a[i] * (1f - a[i]); break;
            case Activation.Relu: ActivationKernels.RectifyGradient(a, delta, 0f); break;
            default: throw new NotSupportedException($"The interim network does not differentiate {activation}.");
        }
    }

    private void CheckBlock(ReadOnlySpan<float> inputs, ReadOnlySpan<float> second, int count, string secondName, int secondWidth)
    {
        if (count < 0) NetworkArgument.ThrowNegativeCount(nameof(count), count);
        NetworkArgument.CheckRows(inputs.Length, nameof(inputs), nameof(InterimDenseNetwork), nameof(InputSize), InputSize, count);
        NetworkArgument.CheckRows(second.Length, secondName, nameof(InterimDenseNetwork), nameof(OutputSize), secondWidth, count);
    }
}
