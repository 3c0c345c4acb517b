namespace NetGen.Safetensors
{
    /// <summary>Where one Dense layer's parameters are in a safetensors file.</summary>
    internal sealed class SafetensorsLayerTensors
    {
        public SafetensorsLayerTensors(SafetensorsTensorInfo weight, SafetensorsTensorInfo bias)
        {
            Weight = weight;
            Bias = bias;
        }

        /// <summary>The <c>[units, inputs]</c> F32 weight matrix.</summary>
        public SafetensorsTensorInfo Weight { get; }

        /// <summary>The <c>[units]</c> F32 bias vector.</summary>
        public SafetensorsTensorInfo Bias { get; }
    }
}
