namespace NetGen.Generator.Model.Layers;

/// <summary>
/// Inverted dropout at <see cref="Rate"/> (in (0, 1)) after the Dense layer <see cref="LayerNode.Layer"/> and its
/// activation, in training only; a <c>[Dropout]</c> attribute. A rate of 0 makes no node.
/// </summary>
internal sealed record DropoutNode(int Layer, int Width, float Rate) : LayerNode(Layer, Width, Width);
