namespace NetGen.TestNetworks
{
    /// <summary>
    /// Layers whose rows are shorter than one 256-bit vector but too big for the general unroll limit (5 x 30 and 7 x 40
    /// weights), which the generator writes as straight-line code; the 7-input layer is not the first, so its input
    /// gradient is emitted too.
    /// </summary>
    [Network(5)]
    [Dense(30, Activation.Tanh)]
    [Dense(7, Activation.Relu)]
    [Dense(40, Activation.Elu)]
    [Dense(3, Activation.Softmax)]
    public partial class ShortRows { }
}
