using System;
using NetGen.Generator.Model.Layers;

namespace NetGen.Generator.Emit.Layers;

/// <summary>The one switch from a node's kind to its emitter; a new layer kind adds its line here.</summary>
internal static class LayerEmitters
{
    public static ILayerEmitter For(LayerNode node) => node switch
    {
        DenseNode => DenseEmitter.Instance,
        ActivationNode => ActivationLayerEmitter.Instance,
        DropoutNode => DropoutEmitter.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(node), node, "No emitter for this layer kind."),
    };
}
