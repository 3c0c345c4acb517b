using System.Collections.Generic;

namespace NetGen.Safetensors
{
    /// <summary>
    /// What one layer expects to find in a weight file: its kind (for messages) and its parameter tensors' names within
    /// the layer and shapes, in parameter-vector order. The runtime builds these from <c>LayerInfo.Tensors</c>; the
    /// generator from its layer model.
    /// </summary>
    internal sealed class SafetensorsLayerSpec
    {
        public SafetensorsLayerSpec(string kind, IReadOnlyList<(string Name, long[] Shape)> tensors)
        {
            Kind = kind;
            Tensors = tensors;
        }

        /// <summary>The layer kind as messages name it, such as <c>Dense</c>.</summary>
        public string Kind { get; }

        /// <summary>Per tensor, its name within the layer (<c>weight</c>) and its shape.</summary>
        public IReadOnlyList<(string Name, long[] Shape)> Tensors { get; }

        /// <summary>A Dense layer: <c>weight</c> <c>[units, inputs]</c> and <c>bias</c> <c>[units]</c>.</summary>
        public static SafetensorsLayerSpec Dense(int inputs, int units) =>
            new("Dense", new[] { ("weight", new long[] { units, inputs }), ("bias", new long[] { units }) });
    }
}
