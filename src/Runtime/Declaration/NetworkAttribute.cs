using System;

namespace NetGen;

/// <summary>
/// Marks a <c>partial</c> class as a NetGen network. The source generator adds the forward and backward passes
/// for the layers declared with <see cref="DenseAttribute"/> and <see cref="DropoutAttribute"/>, in source order.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>Declares a network whose input vectors have <paramref name="inputs"/> elements.</summary>
    /// <param name="inputs">The input vector length; at least 1.</param>
    public NetworkAttribute(int inputs) => Inputs = inputs;

    /// <summary>The input vector length.</summary>
    public int Inputs { get; }

    /// <summary>The loss the network trains on; <see cref="NetGen.Loss.Auto"/> chooses it from the output activation.</summary>
    public Loss Loss { get; set; } = Loss.Auto;
}
