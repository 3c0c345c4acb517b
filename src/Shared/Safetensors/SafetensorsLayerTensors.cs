using System.Collections.Generic;

namespace NetGen.Safetensors
{
    /// <summary>Where one layer's parameter tensors are in a safetensors file, in the order the layer lists them.</summary>
    internal sealed class SafetensorsLayerTensors
    {
        public SafetensorsLayerTensors(IReadOnlyList<SafetensorsTensorInfo> tensors) => Tensors = tensors;

        /// <summary>One entry per tensor of the layer's <see cref="SafetensorsLayerSpec"/>, in its order.</summary>
        public IReadOnlyList<SafetensorsTensorInfo> Tensors { get; }

        /// <summary>A Dense layer's <c>[units, inputs]</c> F32 weight matrix (its first tensor).</summary>
        public SafetensorsTensorInfo Weight => Tensors[0];

        /// <summary>A Dense layer's <c>[units]</c> F32 bias vector (its second tensor).</summary>
        public SafetensorsTensorInfo Bias => Tensors[1];
    }
}
