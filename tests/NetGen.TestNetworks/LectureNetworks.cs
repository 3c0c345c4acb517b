namespace NetGen.TestNetworks
{
    /// <summary>The lecture's 3-3-1 sigmoid network (lecture-examples.json, forward_3_3_1_sigmoid).</summary>
    [Network(3)]
    [Dense(3, Activation.Sigmoid)]
    [Dense(1, Activation.Sigmoid)]
    public partial class Tiny { }

    /// <summary>The hidden layer of <see cref="Tiny"/> alone, so tests can read the lecture's hidden activations.</summary>
    [Network(3)]
    [Dense(3, Activation.Sigmoid)]
    public partial class TinyHidden { }

    /// <summary>A single softmax layer: with identity weights its logits are its input (lecture example softmax_6_m2_3).</summary>
    [Network(3)]
    [Dense(3, Activation.Softmax)]
    public partial class SoftmaxExample { }

    /// <summary>The lecture's 784-50-10 network (39,760 parameters).</summary>
    [Network(784)]
    [Dense(50, Activation.Relu)]
    [Dense(10, Activation.Softmax)]
    public partial class Mnist50 { }

    /// <summary>Logistic regression on a flattened 64x64x3 image (12,289 parameters).</summary>
    [Network(12288)]
    [Dense(1, Activation.Sigmoid)]
    public partial class LogisticRegression { }
}
