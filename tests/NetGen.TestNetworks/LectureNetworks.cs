namespace NetGen.TestNetworks
{
    /// <summary>The lecture's 3-3-1 sigmoid network (lecture-examples.json, forward_3_3_1_sigmoid).</summary>
    [Network(3)]
    [Dense(3, Activation.Sigmoid)]
    [Dense(1, Activation.Sigmoid)]
    public partial class Tiny { }
}
