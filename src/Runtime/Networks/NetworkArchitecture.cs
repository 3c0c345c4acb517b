using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Text;

namespace NetGen;

/// <summary>The declared shape of a network: input size, layers in order, and the resolved loss.</summary>
public sealed partial class NetworkArchitecture : IEquatable<NetworkArchitecture>
{
    private readonly LayerInfo[] _layers;

    /// <summary>Describes a network. Layers must chain: each layer's <see cref="LayerInfo.Inputs"/> is the previous layer's units.</summary>
    /// <exception cref="ArgumentException">The layers do not chain, the offsets are not contiguous, or the loss is <see cref="Loss.Auto"/>.</exception>
    public NetworkArchitecture(int inputSize, Loss loss, params LayerInfo[] layers)
    {
        if (layers is null) throw new ArgumentNullException(nameof(layers));
        if (layers.Length == 0) throw new ArgumentException("A network needs at least one Dense layer.", nameof(layers));
        if (loss == Loss.Auto) throw new ArgumentException("Resolve Loss.Auto before describing an architecture.", nameof(loss));
        int expectedInputs = inputSize, offset = 0;
        for (int i = 0; i < layers.Length; i++)
        {
            LayerInfo layer = layers[i] ?? throw new ArgumentException($"Layer {i} is null.", nameof(layers));
            if (layer.Inputs != expectedInputs)
                throw new ArgumentException($"Layer {i} has {layer.Inputs} inputs but the previous layer has {expectedInputs} outputs.", nameof(layers));
            if (layer.ParameterOffset != offset)
                throw new ArgumentException($"Layer {i} starts at parameter {layer.ParameterOffset}; expected {offset}.", nameof(layers));
            expectedInputs = layer.Units;
            offset = checked(offset + layer.ParameterCount);
        }

        InputSize = inputSize;
        Loss = loss;
        _layers = (LayerInfo[])layers.Clone();
        Layers = new ReadOnlyCollection<LayerInfo>(_layers);
        ParameterCount = offset;
    }

    /// <summary>The input vector length.</summary>
    public int InputSize { get; }

    /// <summary>The output vector length.</summary>
    public int OutputSize => _layers[_layers.Length - 1].Units;

    /// <summary>The loss the network trains on (never <see cref="Loss.Auto"/>).</summary>
    public Loss Loss { get; }

    /// <summary>The Dense layers in order.</summary>
    public IReadOnlyList<LayerInfo> Layers { get; }

    /// <summary>The number of weights and biases.</summary>
    public int ParameterCount { get; }

    /// <summary>Whether outputs are class scores (Softmax or Sigmoid output), so accuracy is meaningful.</summary>
    public bool IsClassifier => Loss is Loss.CategoricalCrossEntropy or Loss.BinaryCrossEntropy;

    /// <summary>A compact description such as <c>784-256(Relu)-10(Softmax)</c>, stored in weight-file metadata.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(InputSize);
        foreach (LayerInfo layer in _layers)
        {
            sb.Append('-').Append(layer.Units).Append('(').Append(layer.Activation);
            if (layer.Alpha != 0) sb.Append(' ').Append(layer.Alpha.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            sb.Append(')');
            if (layer.DropoutRate > 0) sb.Append("[dropout ").Append(layer.DropoutRate.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append(']');
        }

        return sb.Append(' ').Append(Loss).ToString();
    }

    /// <inheritdoc />
    public bool Equals(NetworkArchitecture? other)
    {
        if (other is null || other.InputSize != InputSize || other.Loss != Loss || other._layers.Length != _layers.Length) return false;
        for (int i = 0; i < _layers.Length; i++)
            if (!_layers[i].Equals(other._layers[i])) return false;
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as NetworkArchitecture);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(InputSize);
        hash.Add(Loss);
        foreach (LayerInfo layer in _layers) hash.Add(layer);
        return hash.ToHashCode();
    }
}
