namespace NetGen.TestNetworks
{
    /// <summary>
    /// Two layers big enough for the streamed row order (at least 16,384 weights and 128 inputs: the generator reads
    /// their rows one after another), with every remainder the streamed kernel has: 150 inputs leave whole vectors past
    /// the four-accumulator loop at every width (9 of 16 lanes, 18 of 8, 37 of 4) and a scalar tail (6, 6, 2); 130
    /// inputs leave a tail of 2 at every width; 130 and 129 units are not multiples of the 8-row block. The hidden
    /// activations are fused into the kernels, so each is applied after the streamed rows.
    /// </summary>
    [Network(150)]
    [Dense(130, Activation.Tanh)]
    [Dense(129, Activation.Relu)]
    [Dense(4, Activation.Softmax)]
    public partial class StreamedRows { }
}
