using System;

namespace NetGen;

/// <summary>A fully connected layer <c>A = g(W A_prev + b)</c>. Layers apply in source order; the last is the output layer.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : Attribute
{
    /// <summary>Declares a layer of <paramref name="units"/> units with activation <paramref name="activation"/>.</summary>
    /// <param name="units">The number of units (outputs); at least 1.</param>
    /// <param name="activation">The activation function.</param>
    public DenseAttribute(int units, Activation activation = Activation.Identity)
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>The number of units.</summary>
    public int Units { get; }

    /// <summary>The activation function.</summary>
    public Activation Activation { get; }

    /// <summary>The negative slope for <see cref="NetGen.Activation.LeakyRelu"/> (default 0.01) or the alpha of <see cref="NetGen.Activation.Elu"/> (default 1.0); other activations ignore it.</summary>
    public float Alpha { get; set; }

    /// <summary>How the layer's weights are initialised.</summary>
    public Init Init { get; set; } = Init.Auto;
}
