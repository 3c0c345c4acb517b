using System;
using NetGen.Kernels;

namespace NetGen.Playground;

/// <summary>
/// Every layer's outputs for a block of examples, computed from a network's <see cref="INetwork.Parameters"/> with the
/// runtime's kernels. <see cref="INetwork"/> gives only the last layer; the Playground draws every neuron.
/// </summary>
public sealed class LayerOutputs
{
    private readonly NetworkArchitecture _architecture;
    private readonly float[][] _activations;

    /// <summary>Buffers for up to <paramref name="capacity"/> examples of <paramref name="architecture"/>.</summary>
    public LayerOutputs(NetworkArchitecture architecture, int capacity)
    {
        _architecture = architecture ?? throw new ArgumentNullException(nameof(architecture));
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Room for at least one example is needed.");
        Capacity = capacity;
        _activations = new float[architecture.Layers.Count][];
        for (int i = 0; i < _activations.Length; i++) _activations[i] = new float[capacity * architecture.Layers[i].Units];
    }

    /// <summary>How many examples one <see cref="Compute"/> call takes at most.</summary>
    public int Capacity { get; }

    /// <summary>The examples of the last <see cref="Compute"/> call.</summary>
    public int Count { get; private set; }

    /// <summary>Layer <paramref name="layer"/>'s outputs, row-major <c>[Count, units]</c>.</summary>
    public ReadOnlySpan<float> Layer(int layer) => _activations[layer].AsSpan(0, Count * _architecture.Layers[layer].Units);

    /// <summary>Runs <paramref name="count"/> examples (row after row in <paramref name="inputs"/>) through <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentException">The sizes do not fit the architecture or the capacity.</exception>
    public void Compute(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, int count)
    {
        if (parameters.Length != _architecture.ParameterCount)
            throw new ArgumentException($"parameters has {parameters.Length} values; the network has {_architecture.ParameterCount}.", nameof(parameters));
        if (count < 0 || count > Capacity) throw new ArgumentException($"count is {count}; the buffers hold 0 to {Capacity} examples.", nameof(count));
        if (inputs.Length < count * _architecture.InputSize)
            throw new ArgumentException($"inputs has {inputs.Length} values; {count} examples of {_architecture.InputSize} need {count * _architecture.InputSize}.", nameof(inputs));
        Count = count;
        ReadOnlySpan<float> x = inputs.Slice(0, count * _architecture.InputSize);
        for (int i = 0; i < _activations.Length; i++)
        {
            LayerInfo layer = _architecture.Layers[i];
            Span<float> a = _activations[i].AsSpan(0, count * layer.Units);
            BatchKernels.Linear(parameters.Slice(layer.ParameterOffset, layer.WeightCount), parameters.Slice(layer.BiasOffset, layer.Units), x, a, count, layer.Inputs, layer.Units);
            Activate(layer.Activation, a);
            x = a;
        }
    }

    private static void Activate(Activation activation, Span<float> values)
    {
        switch (activation)
        {
            case Activation.Identity: break;
            case Activation.Tanh: ActivationKernels.Tanh(values); break;
            case Activation.Sigmoid: ActivationKernels.Sigmoid(values); break;
            case Activation.Relu: ActivationKernels.Rectify(values, 0f); break;
            default: throw new NotSupportedException($"The Playground does not use {activation}.");
        }
    }
}
