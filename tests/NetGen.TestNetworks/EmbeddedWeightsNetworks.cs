namespace NetGen.TestNetworks
{
    /// <summary>
    /// Weights baked in by the real build from Weights/all_bytes_4_8_3.safetensors (listed as an AdditionalFile in the
    /// project; written by Weights/make_all_bytes.py), whose data holds every byte value from 0x00 to 0xFF.
    /// </summary>
    [Network(4)]
    [Dense(8, Activation.Tanh)]
    [Dense(3, Activation.Softmax)]
    [EmbeddedWeights("Weights/all_bytes_4_8_3.safetensors")]
    public partial class AllBytesNetwork { }
}
