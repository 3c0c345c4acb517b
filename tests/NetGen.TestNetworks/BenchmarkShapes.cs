namespace NetGen.TestNetworks
{
    /// <summary>The small benchmark shape of issue 3: 16-32-32-4, tanh hidden, identity output.</summary>
    [Network(16)]
    [Dense(32, Activation.Tanh)]
    [Dense(32, Activation.Tanh)]
    [Dense(4)]
    public partial class Control16 { }

    /// <summary>The medium benchmark shape of issue 3: 784-128-10, ReLU hidden, softmax output.</summary>
    [Network(784)]
    [Dense(128, Activation.Relu)]
    [Dense(10, Activation.Softmax)]
    public partial class Mnist128 { }
}
