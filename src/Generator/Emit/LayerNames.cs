using NetGen.Generator.Model.Layers;
using NetGen.Generator.Plan;

namespace NetGen.Generator.Emit;

/// <summary>Names of the per-layer methods in the generated implementation class, in one place so callers and definitions agree.</summary>
/// <remarks>Methods are named by the Dense layer a node belongs to (<see cref="LayerNode.Layer"/>), so they read as layer 0, 1, ...</remarks>
internal static class LayerNames
{
    /// <summary>The nested class holding the generated kernels; the <c>__netgen</c> prefix is reserved (the parser reports user members using it).</summary>
    public const string ImplClass = "__netgenImpl";

    public static string Linear(int layer) => $"Layer{layer}Linear";

    public static string LinearActivate(int layer) => $"Layer{layer}LinearActivate";

    public static string Activate(int layer) => $"Layer{layer}Activate";

    public static string ActivationGradient(int layer) => $"Layer{layer}ActivationGradient";

    public static string Backward(int layer) => $"Layer{layer}Backward";

    public static string Linear(DenseStage layer) => Linear(layer.Index);

    public static string Backward(DenseStage layer) => Backward(layer.Index);

    public static string Activate(LayerNode node) => Activate(node.Layer);

    public static string ActivationGradient(LayerNode node) => ActivationGradient(node.Layer);

    public static string ActivationGradient(DenseStage layer) => ActivationGradient(layer.Index);

    /// <summary>A short description used in comments, e.g. <c>Dense(784 -> 128, Relu)</c>.</summary>
    public static string Describe(DenseStage layer) => $"Dense({layer.Inputs} -> {layer.Units}, {layer.Activation})";
}
