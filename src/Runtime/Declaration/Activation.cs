namespace NetGen;

/// <summary>The activation function <c>g</c> a <see cref="DenseAttribute"/> layer applies to its pre-activation <c>Z = W A + b</c>.</summary>
// Compiled into the generator too (NetGen.Generator.csproj links this file, as System.Text.Json's generator does its
// Common files), so attribute arguments are read with these very values: there is no mirror to keep in step. Keep it
// valid C# for netstandard2.0 and free of runtime-only references.
#if BUILDING_SOURCE_GENERATOR
internal
#else
public
#endif
enum Activation
{
    /// <summary><c>g(z) = z</c>.</summary>
    Identity,
    /// <summary><c>g(z) = 1 / (1 + e^-z)</c>.</summary>
    Sigmoid,
    /// <summary><c>g(z) = tanh(z)</c>.</summary>
    Tanh,
    /// <summary><c>g(z) = max(0, z)</c>; the derivative at 0 is taken as 0, as PyTorch does.</summary>
    Relu,
    /// <summary><c>g(z) = z</c> for <c>z &gt; 0</c>, else <c>alpha * z</c> (<see cref="DenseAttribute.Alpha"/>, default 0.01).</summary>
    LeakyRelu,
    /// <summary><c>g(z) = z</c> for <c>z &gt; 0</c>, else <c>alpha * (e^z - 1)</c> (<see cref="DenseAttribute.Alpha"/>, default 1.0).</summary>
    Elu,
    /// <summary><c>g(z) = 1.0507 * (z</c> for <c>z &gt; 0</c>, else <c>1.67326 * (e^z - 1))</c>.</summary>
    Selu,
    /// <summary><c>g(z)_k = e^(z_k - max z) / sum_j e^(z_j - max z)</c>; output layer only.</summary>
    Softmax,
    /// <summary><c>g(z) = z / (1 + |z|)</c>, a tanh-like curve in (-1, 1) that approaches its bounds polynomially; <c>g'(z) = (1 - |a|)^2</c>.</summary>
    Softsign,
}
