namespace NetGen;

/// <summary>
/// The per-example loss a network trains on. Losses are summed over outputs and use natural logarithms;
/// the cost of a batch is the mean of its examples' losses.
/// </summary>
// Compiled into the generator too (NetGen.Generator.csproj links this file, as System.Text.Json's generator does its
// Common files), so attribute arguments are read with these very values: there is no mirror to keep in step. Keep it
// valid C# for netstandard2.0 and free of runtime-only references.
#if BUILDING_SOURCE_GENERATOR
internal
#else
public
#endif
enum Loss
{
    /// <summary>Chosen from the output activation: Softmax gives <see cref="CategoricalCrossEntropy"/>, Sigmoid gives <see cref="BinaryCrossEntropy"/>, anything else <see cref="MeanSquaredError"/>.</summary>
    Auto,
    /// <summary><c>L = 1/2 * sum_k (yhat_k - y_k)^2</c>.</summary>
    MeanSquaredError,
    /// <summary><c>L = -sum_k [y_k ln yhat_k + (1 - y_k) ln(1 - yhat_k)]</c> over Sigmoid outputs.</summary>
    BinaryCrossEntropy,
    /// <summary><c>L = -sum_k y_k ln softmax(z)_k</c> over a Softmax output.</summary>
    CategoricalCrossEntropy,
}
