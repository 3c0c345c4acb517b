using System;

namespace NetGen;

/// <summary>The shape of one Dense layer and where its parameters sit in <see cref="INetwork.Parameters"/>.</summary>
public sealed class LayerInfo : IEquatable<LayerInfo>
{
    /// <summary>Describes a Dense layer.</summary>
    /// <param name="inputs">Fan-in: the previous layer's units, or the network's input size.</param>
    /// <param name="units">Fan-out: this layer's units.</param>
    /// <param name="activation">The activation.</param>
    /// <param name="alpha">The activation's alpha (LeakyRelu slope, Elu alpha), 0 for others.</param>
    /// <param name="dropoutRate">The dropout rate applied to this layer's output during training, 0 for none.</param>
    /// <param name="parameterOffset">Where the layer's weights start in the parameter vector; its biases follow them.</param>
    public LayerInfo(int inputs, int units, Activation activation, float alpha, float dropoutRate, int parameterOffset)
    {
        if (inputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "A layer needs at least 1 input.");
        if (units < 1) throw new ArgumentOutOfRangeException(nameof(units), units, "A layer needs at least 1 unit.");
        if (parameterOffset < 0) throw new ArgumentOutOfRangeException(nameof(parameterOffset), parameterOffset, "Offsets are non-negative.");
        Inputs = inputs;
        Units = units;
        Activation = activation;
        Alpha = alpha;
        DropoutRate = dropoutRate;
        ParameterOffset = parameterOffset;
    }

    /// <summary>Fan-in.</summary>
    public int Inputs { get; }

    /// <summary>Fan-out.</summary>
    public int Units { get; }

    /// <summary>The activation.</summary>
    public Activation Activation { get; }

    /// <summary>The activation's alpha (LeakyRelu slope, Elu alpha); 0 where the activation has none.</summary>
    public float Alpha { get; }

    /// <summary>The dropout rate on this layer's output during training; 0 for none.</summary>
    public float DropoutRate { get; }

    /// <summary>Offset of <c>W</c> (row-major <c>[Units, Inputs]</c>) in the parameter vector.</summary>
    public int ParameterOffset { get; }

    /// <summary>Offset of <c>b</c> in the parameter vector.</summary>
    public int BiasOffset => ParameterOffset + WeightCount;

    /// <summary><c>Units * Inputs</c>.</summary>
    public int WeightCount => Units * Inputs;

    /// <summary><c>Units * (Inputs + 1)</c>.</summary>
    public int ParameterCount => Units * (Inputs + 1);

    /// <inheritdoc />
    public bool Equals(LayerInfo? other) =>
        other is not null && Inputs == other.Inputs && Units == other.Units && Activation == other.Activation
        && Alpha.Equals(other.Alpha) && DropoutRate.Equals(other.DropoutRate) && ParameterOffset == other.ParameterOffset;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LayerInfo);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Inputs, Units, Activation, Alpha, DropoutRate, ParameterOffset);

    /// <inheritdoc />
    public override string ToString() =>
        $"Dense({Inputs} -> {Units}, {Activation}{(Alpha != 0 ? $", alpha {Alpha}" : "")}){(DropoutRate > 0 ? $" + Dropout({DropoutRate})" : "")}";
}
