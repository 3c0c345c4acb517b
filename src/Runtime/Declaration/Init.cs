namespace NetGen;

/// <summary>How a layer's weights are drawn when a network is constructed. Biases always start at 0.</summary>
// Compiled into the generator too (NetGen.Generator.csproj links this file, as System.Text.Json's generator does its
// Common files), so attribute arguments are read with these very values: there is no mirror to keep in step. Keep it
// valid C# for netstandard2.0 and free of runtime-only references.
#if BUILDING_SOURCE_GENERATOR
internal
#else
public
#endif
enum Init
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
