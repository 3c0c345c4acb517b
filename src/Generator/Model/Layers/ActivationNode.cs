namespace NetGen.Generator.Model.Layers;

/// <summary>
/// An activation applied elementwise (Softmax: across the vector) to the Dense layer before it, declared as that
/// <c>[Dense]</c> attribute's second argument. <see cref="Alpha"/> holds the effective value (defaults applied, 0 where
/// the activation has none). Identity makes no node.
/// </summary>
internal sealed record ActivationNode(int Layer, int Width, Activation Activation, float Alpha) : LayerNode(Layer, Width, Width);
