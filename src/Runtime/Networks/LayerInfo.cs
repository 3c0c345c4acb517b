using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace NetGen;

/// <summary>
/// One Dense layer: its shape, activation, dropout and initialisation, and the named parameter tensors it owns in
/// <see cref="INetwork.Parameters"/> (<see cref="Tensors"/>).
/// </summary>
public sealed class LayerInfo : IEquatable<LayerInfo>
{
    /// <summary>The name of a Dense layer's weight tensor, <c>[units, inputs]</c>.</summary>
    public const string WeightTensorName = "weight";

    /// <summary>The name of a Dense layer's bias tensor, <c>[units]</c>.</summary>
    public const string BiasTensorName = "bias";

    /// <summary>Describes a Dense layer whose weights are drawn with the activation's default scheme (<see cref="NetGen.Init.Auto"/>).</summary>
    /// <param name="inputs">Fan-in: the previous layer's units, or the network's input size.</param>
    /// <param name="units">Fan-out: this layer's units.</param>
    /// <param name="activation">The activation.</param>
    /// <param name="alpha">The activation's alpha (LeakyRelu slope, Elu alpha), 0 for others.</param>
    /// <param name="dropoutRate">The dropout rate applied to this layer's output during training, 0 for none.</param>
    /// <param name="parameterOffset">Where the layer's weights start in the parameter vector; its biases follow them.</param>
    public LayerInfo(int inputs, int units, Activation activation, float alpha, float dropoutRate, int parameterOffset)
        : this(inputs, units, activation, alpha, dropoutRate, parameterOffset, Init.Auto)
    {
    }

    /// <summary>Describes a Dense layer.</summary>
    /// <param name="inputs">Fan-in: the previous layer's units, or the network's input size.</param>
    /// <param name="units">Fan-out: this layer's units.</param>
    /// <param name="activation">The activation.</param>
    /// <param name="alpha">The activation's alpha (LeakyRelu slope, Elu alpha), 0 for others.</param>
    /// <param name="dropoutRate">The dropout rate applied to this layer's output during training, 0 for none.</param>
    /// <param name="parameterOffset">Where the layer's weights start in the parameter vector; its biases follow them.</param>
    /// <param name="init">How the weights are drawn; <see cref="NetGen.Init.Auto"/> is resolved from the activation as the generator resolves it.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1, the offset is negative, or an enum value is undefined.</exception>
    public LayerInfo(int inputs, int units, Activation activation, float alpha, float dropoutRate, int parameterOffset, Init init)
    {
        if (inputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "A layer needs at least 1 input.");
        if (units < 1) throw new ArgumentOutOfRangeException(nameof(units), units, "A layer needs at least 1 unit.");
        if (parameterOffset < 0) throw new ArgumentOutOfRangeException(nameof(parameterOffset), parameterOffset, "Offsets are non-negative.");
        if (!Enum.IsDefined(typeof(Activation), activation)) throw new ArgumentOutOfRangeException(nameof(activation), activation, "Not a defined Activation.");
        if (!Enum.IsDefined(typeof(Init), init)) throw new ArgumentOutOfRangeException(nameof(init), init, "Not a defined Init.");
        if ((long)units * (inputs + 1L) + parameterOffset > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(units), units, $"A {inputs}-input layer of {units} units does not fit a parameter vector.");
        Inputs = inputs;
        Units = units;
        Activation = activation;
        Alpha = alpha;
        DropoutRate = dropoutRate;
        ParameterOffset = parameterOffset;
        Init = init == Init.Auto ? DefaultInit(activation) : init;
        Tensors = new ReadOnlyCollection<ParameterTensor>(new[]
        {
            new ParameterTensor(WeightTensorName, new[] { units, inputs }, parameterOffset, regularized: true),
            new ParameterTensor(BiasTensorName, new[] { units }, parameterOffset + units * inputs, regularized: false),
        });
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

    /// <summary>How the weights are drawn when a network is constructed; never <see cref="NetGen.Init.Auto"/>.</summary>
    public Init Init { get; }

    /// <summary>Offset of <c>W</c> (row-major <c>[Units, Inputs]</c>) in the parameter vector.</summary>
    public int ParameterOffset { get; }

    /// <summary>Offset of <c>b</c> in the parameter vector.</summary>
    public int BiasOffset => ParameterOffset + WeightCount;

    /// <summary><c>Units * Inputs</c>.</summary>
    public int WeightCount => Units * Inputs;

    /// <summary><c>Units * (Inputs + 1)</c>: the total length of <see cref="Tensors"/>.</summary>
    public int ParameterCount => Units * (Inputs + 1);

    /// <summary>
    /// The layer's parameters in the order they sit in the parameter vector: <c>weight</c> <c>[Units, Inputs]</c> then
    /// <c>bias</c> <c>[Units]</c>, contiguous from <see cref="ParameterOffset"/>.
    /// </summary>
    public IReadOnlyList<ParameterTensor> Tensors { get; }

    /// <summary>The scheme <see cref="NetGen.Init.Auto"/> stands for: He for Relu, LeakyRelu and Elu; LeCun for Selu; Xavier otherwise.</summary>
    /// <param name="activation">The layer's activation.</param>
    public static Init DefaultInit(Activation activation) => activation switch
    {
        Activation.Relu or Activation.LeakyRelu or Activation.Elu => Init.He,
        Activation.Selu => Init.LeCun,
        _ => Init.Xavier,
    };

    /// <inheritdoc />
    public bool Equals(LayerInfo? other) =>
        other is not null && Inputs == other.Inputs && Units == other.Units && Activation == other.Activation
        && Alpha.Equals(other.Alpha) && DropoutRate.Equals(other.DropoutRate) && ParameterOffset == other.ParameterOffset && Init == other.Init;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LayerInfo);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Inputs, Units, Activation, Alpha, DropoutRate, ParameterOffset, Init);

    /// <inheritdoc />
    public override string ToString() =>
        $"Dense({Inputs} -> {Units}, {Activation}{(Alpha != 0 ? $", alpha {Alpha}" : "")}){(DropoutRate > 0 ? $" + Dropout({DropoutRate})" : "")}";
}
