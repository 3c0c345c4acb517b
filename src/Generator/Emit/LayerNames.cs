using NetGen.Generator.Model;
using NetGen.Generator.Plan;

namespace NetGen.Generator.Emit;

/// <summary>Names of the per-layer methods in the generated implementation class, in one place so callers and definitions agree.</summary>
internal static class LayerNames
{
    /// <summary>The nested class holding the generated kernels; the <c>__netgen</c> prefix is reserved (the parser reports user members using it).</summary>
    public const string ImplClass = "__netgenImpl";

    public static string Linear(DenseStage layer) => $"Layer{layer.Index}Linear";

    public static string Activate(DenseStage layer) => $"Layer{layer.Index}Activate";

    public static string ActivationGradient(DenseStage layer) => $"Layer{layer.Index}ActivationGradient";

    public static string Backward(DenseStage layer) => $"Layer{layer.Index}Backward";

    /// <summary>A short description used in comments, e.g. <c>Dense(784 -> 128, Relu)</c>.</summary>
    public static string Describe(DenseStage layer) => $"Dense({layer.Inputs} -> {layer.Units}, {layer.Activation})";
}
