using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>
/// Builds a <see cref="NetworkArchitecture"/> the way the attributes declare one: an input size, then Dense layers in
/// order, each optionally followed by a Dropout, and the loss. Every call checks its arguments with the rules the
/// generator applies to the attributes, so a mistake fails at the call that makes it.
/// </summary>
/// <example>
/// <code>
/// DynamicNetwork net = DynamicNetwork.Builder(2)
///     .Dense(8, Activation.Tanh).Dropout(0.1f)
///     .Dense(8, Activation.Tanh)
///     .Dense(1, Activation.Sigmoid)
///     .Build(seed: 1);
/// </code>
/// </example>
public sealed class NetworkBuilder
{
    private readonly List<(int Units, Activation Activation, float Alpha, Init Init, float Dropout)> _layers = new();
    private Loss _loss = Loss.Auto;

    /// <summary>Starts a network whose input vectors have <paramref name="inputSize"/> elements.</summary>
    /// <param name="inputSize">The input vector length; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="inputSize"/> is below 1.</exception>
    public NetworkBuilder(int inputSize)
    {
        if (inputSize < 1) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "A network needs at least 1 input.");
        InputSize = inputSize;
    }

    /// <summary>The input vector length.</summary>
    public int InputSize { get; }

    /// <summary>Adds a Dense layer, as <c>[Dense(units, activation, Alpha = alpha, Init = init)]</c> does.</summary>
    /// <param name="units">The number of units; at least 1.</param>
    /// <param name="activation">The activation; Softmax only on the last layer.</param>
    /// <param name="alpha">LeakyRelu's slope (default 0.01) or Elu's alpha (default 1); leave null for other activations.</param>
    /// <param name="init">How the weights are drawn; <see cref="Init.Auto"/> picks the activation's default.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">A value is out of range, or the previous layer has Softmax (it must be the last).</exception>
    public NetworkBuilder Dense(int units, Activation activation = Activation.Identity, float? alpha = null, Init init = Init.Auto)
    {
        if (units < 1) throw new ArgumentOutOfRangeException(nameof(units), units, "A layer needs at least 1 unit.");
        if (!Enum.IsDefined(typeof(Activation), activation)) throw new ArgumentOutOfRangeException(nameof(activation), activation, "Not a defined Activation.");
        if (!Enum.IsDefined(typeof(Init), init)) throw new ArgumentOutOfRangeException(nameof(init), init, "Not a defined Init.");
        float effectiveAlpha = alpha ?? ArchitectureRules.DefaultAlpha(activation);
        if (ArchitectureRules.AlphaProblem(activation, effectiveAlpha) is { } problem) throw new ArgumentException(problem + ".", nameof(alpha));
        if (_layers.Count > 0 && _layers[_layers.Count - 1].Activation == Activation.Softmax)
            throw new ArgumentException($"Layer {_layers.Count - 1} has Softmax, which belongs on the output layer only; it cannot be followed by another layer.", nameof(units));
        _layers.Add((units, activation, effectiveAlpha, init, 0f));
        return this;
    }

    /// <summary>Adds dropout on the previous Dense layer's output during training, as <c>[Dropout(rate)]</c> does.</summary>
    /// <param name="rate">The probability of dropping a unit, in [0, 1).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The rate is out of range.</exception>
    /// <exception cref="InvalidOperationException">There is no Dense layer yet, or that layer already has dropout.</exception>
    /// <remarks>A Dropout after the last Dense layer is reported by <see cref="ToArchitecture"/>: only then is it known to be the output layer.</remarks>
    public NetworkBuilder Dropout(float rate)
    {
        if (ArchitectureRules.DropoutProblem(rate) is { } problem) throw new ArgumentException(problem + ".", nameof(rate));
        if (_layers.Count == 0) throw new InvalidOperationException("Dropout applies to a layer's output, so add a Dense layer before it.");
        var layer = _layers[_layers.Count - 1];
        if (layer.Dropout > 0f) throw new InvalidOperationException($"Layer {_layers.Count - 1} already has dropout {layer.Dropout}.");
        _layers[_layers.Count - 1] = (layer.Units, layer.Activation, layer.Alpha, layer.Init, rate);
        return this;
    }

    /// <summary>Sets the loss, as <c>[Network(n, Loss = loss)]</c> does; <see cref="NetGen.Loss.Auto"/> (the default) picks it from the output activation.</summary>
    /// <param name="loss">The loss.</param>
    /// <returns>This builder.</returns>
    public NetworkBuilder WithLoss(Loss loss)
    {
        if (!Enum.IsDefined(typeof(Loss), loss)) throw new ArgumentOutOfRangeException(nameof(loss), loss, "Not a defined Loss.");
        _loss = loss;
        return this;
    }

    /// <summary>The architecture declared so far, with the loss resolved.</summary>
    /// <exception cref="InvalidOperationException">There is no Dense layer, or the architecture breaks a rule (dropout on the output layer, a loss that does not fit the output activation).</exception>
    public NetworkArchitecture ToArchitecture()
    {
        if (_layers.Count == 0) throw new InvalidOperationException("A network needs at least one Dense layer.");
        var layers = new LayerInfo[_layers.Count];
        int inputs = InputSize, offset = 0;
        for (int i = 0; i < layers.Length; i++)
        {
            var l = _layers[i];
            layers[i] = new LayerInfo(inputs, l.Units, l.Activation, l.Alpha, l.Dropout, offset, l.Init);
            inputs = l.Units;
            offset = checked(offset + layers[i].ParameterCount);
        }

        var architecture = new NetworkArchitecture(InputSize, ArchitectureRules.ResolveLoss(_loss, layers[layers.Length - 1].Activation), layers);
        if (ArchitectureRules.Problem(architecture) is { } problem) throw new InvalidOperationException(problem);
        return architecture;
    }

    /// <summary>A new <see cref="DynamicNetwork"/> of <see cref="ToArchitecture"/>, its weights drawn from <paramref name="seed"/>.</summary>
    /// <param name="seed">Selects the initial weights and the dropout masks.</param>
    /// <exception cref="InvalidOperationException">As <see cref="ToArchitecture"/>.</exception>
    public DynamicNetwork Build(int seed = 0) => new(ToArchitecture(), seed);
}
