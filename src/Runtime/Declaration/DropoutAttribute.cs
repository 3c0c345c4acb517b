using System;

namespace NetGen;

/// <summary>
/// Inverted dropout on the preceding layer's output during training: each unit is zeroed with probability
/// <see cref="Rate"/> and survivors are scaled by <c>1 / (1 - rate)</c>. Inference (<c>Forward</c>) ignores it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute : Attribute
{
    /// <summary>Declares dropout with drop probability <paramref name="rate"/>, in [0, 1).</summary>
    public DropoutAttribute(float rate) => Rate = rate;

    /// <summary>The probability that a unit is dropped.</summary>
    public float Rate { get; }
}
