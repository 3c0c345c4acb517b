namespace NetGen;

/// <summary>How a layer's weights are drawn when a network is constructed. Biases always start at 0.</summary>
public enum Init
{
    /// <summary><see cref="He"/> for Relu, LeakyRelu and Elu; <see cref="LeCun"/> for Selu; <see cref="Xavier"/> otherwise.</summary>
    Auto,
    /// <summary><c>N(0, 1)</c>.</summary>
    Normal,
    /// <summary><c>N(0, 1) * sqrt(1 / fanIn)</c>.</summary>
    LeCun,
    /// <summary>Glorot: <c>N(0, 1) * sqrt(2 / (fanIn + fanOut))</c>.</summary>
    Xavier,
    /// <summary><c>N(0, 1) * sqrt(2 / fanIn)</c>.</summary>
    He,
}
