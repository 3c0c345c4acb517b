namespace NetGen.Peers;

/// <summary>I1 tiny: 16-32-32-4, tanh, tanh, identity (the shape of tests/NetGen.TestNetworks Control16).</summary>
[Network(16)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(4)]
internal partial class TinyPeerNet { }

/// <summary>I1 medium: 784-128-10, ReLU, softmax (Mnist128).</summary>
[Network(784)]
[Dense(128, Activation.Relu)]
[Dense(10, Activation.Softmax)]
internal partial class MediumPeerNet { }

/// <summary>I2 and T1: 784-256-128-10, ReLU, ReLU, softmax with cross-entropy (samples/FashionMnist's network).</summary>
[Network(784)]
[Dense(256, Activation.Relu)]
[Dense(128, Activation.Relu)]
[Dense(10, Activation.Softmax)]
internal partial class LargePeerNet { }
