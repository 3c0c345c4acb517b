namespace NetGen.TestNetworks
{
    /// <summary>One layer per explicit <see cref="Init"/> scheme, wide enough for sample statistics to be tight.</summary>
    [Network(300)]
    [Dense(200, Activation.Tanh, Init = Init.Normal)]
    [Dense(150, Activation.Relu, Init = Init.LeCun)]
    [Dense(100, Activation.Tanh, Init = Init.Xavier)]
    [Dense(50, Init = Init.He)]
    public partial class InitKinds { }
}
