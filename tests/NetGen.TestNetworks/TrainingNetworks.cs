namespace NetGen.TestNetworks
{
    /// <summary>XOR: 2-4-1, tanh hidden, sigmoid output (binary cross-entropy).</summary>
    [Network(2)]
    [Dense(4, Activation.Tanh)]
    [Dense(1, Activation.Sigmoid)]
    public partial class Xor241 { }

    /// <summary>Iris: 4-16-3, ReLU hidden, softmax output.</summary>
    [Network(4)]
    [Dense(16, Activation.Relu)]
    [Dense(3, Activation.Softmax)]
    public partial class IrisNet { }

    /// <summary>8x8 digits: 64-64-10, ReLU hidden with dropout 0.2, softmax output.</summary>
    [Network(64)]
    [Dense(64, Activation.Relu)]
    [Dropout(0.2f)]
    [Dense(10, Activation.Softmax)]
    public partial class DigitsNet { }

    /// <summary>8x8 digits without dropout: 64-64-10, ReLU hidden, softmax output. Its training pass's outputs are plain inference outputs.</summary>
    [Network(64)]
    [Dense(64, Activation.Relu)]
    [Dense(10, Activation.Softmax)]
    public partial class DigitsPlainNet { }

    /// <summary>
    /// <see cref="DigitsNet"/>'s shapes with a tanh hidden layer: a weight file of the one fits the other tensor for tensor,
    /// so only the recorded activations tell them apart.
    /// </summary>
    [Network(64)]
    [Dense(64, Activation.Tanh)]
    [Dense(10, Activation.Softmax)]
    public partial class DigitsTanhNet { }

    /// <summary>Diabetes regression: 10-8-1, tanh hidden, identity output (mean squared error).</summary>
    [Network(10)]
    [Dense(8, Activation.Tanh)]
    [Dense(1)]
    public partial class DiabetesNet { }

    /// <summary>6-10-3 with dropout 0.4 on the ReLU hidden layer: small enough for many Fit runs, with dropout to make determinism non-trivial.</summary>
    [Network(6)]
    [Dense(10, Activation.Relu)]
    [Dropout(0.4f)]
    [Dense(3, Activation.Softmax)]
    public partial class BlobsDropoutNet { }

    /// <summary>3-4-2, tanh hidden, identity output: a small regressor whose Fit steps a test recomputes in double precision.</summary>
    [Network(3)]
    [Dense(4, Activation.Tanh)]
    [Dense(2)]
    public partial class TanhRegressor { }

    /// <summary>y = w x + b: one identity unit, for training paths whose parameters a test computes by hand.</summary>
    [Network(1)]
    [Dense(1)]
    public partial class LinearUnit { }

    /// <summary>y = w1 x1 + w2 x2 + b: two inputs, one identity unit.</summary>
    [Network(2)]
    [Dense(1)]
    public partial class LinearPair { }
}
