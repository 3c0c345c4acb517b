namespace NetGen.Playground;

/// <summary>The hidden-layer activations the Playground offers.</summary>
public enum HiddenActivation
{
    /// <summary>max(0, z).</summary>
    Relu,

    /// <summary>tanh(z).</summary>
    Tanh,

    /// <summary>1 / (1 + e^-z).</summary>
    Sigmoid,

    /// <summary>z.</summary>
    Linear,
}
