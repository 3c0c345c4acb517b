namespace NetGen.TestNetworks
{
    // Odd sizes throughout (13 inputs, 17 and 9 hidden units, 5 outputs) so every SIMD kernel runs its scalar tail and
    // its leftover weight rows. LeakyRelu and Elu use non-default alphas, so a lost alpha shows up as a wrong value.

    /// <summary>13-17-9-5 with Identity hidden layers and a Identity output (MSE loss).</summary>
    [Network(13)]
    [Dense(17, Activation.Identity)]
    [Dense(9, Activation.Identity)]
    [Dense(5, Activation.Identity)]
    public partial class IdentityHiddenMse { }

    /// <summary>13-17-9-5 with Identity hidden layers and a Sigmoid output (BCE loss).</summary>
    [Network(13)]
    [Dense(17, Activation.Identity)]
    [Dense(9, Activation.Identity)]
    [Dense(5, Activation.Sigmoid)]
    public partial class IdentityHiddenBce { }

    /// <summary>13-17-9-5 with Identity hidden layers and a Softmax output (CCE loss).</summary>
    [Network(13)]
    [Dense(17, Activation.Identity)]
    [Dense(9, Activation.Identity)]
    [Dense(5, Activation.Softmax)]
    public partial class IdentityHiddenCce { }

    /// <summary>13-17-9-5 with Sigmoid hidden layers and a Identity output (MSE loss).</summary>
    [Network(13)]
    [Dense(17, Activation.Sigmoid)]
    [Dense(9, Activation.Sigmoid)]
    [Dense(5, Activation.Identity)]
    public partial class SigmoidHiddenMse { }

    /// <summary>13-17-9-5 with Sigmoid hidden layers and a Sigmoid output (BCE loss).</summary>
    [Network(13)]
    [Dense(17, Activation.Sigmoid)]
    [Dense(9, Activation.Sigmoid)]
    [Dense(5, Activation.Sigmoid)]
    public partial class SigmoidHiddenBce { }

    /// <summary>13-17-9-5 with Sigmoid hidden layers and a Softmax output (CCE loss).</summary>
    [Network(13)]
    [Dense(17, Activation.Sigmoid)]
    [Dense(9, Activation.Sigmoid)]
    [Dense(5, Activation.Softmax)]
    public partial class SigmoidHiddenCce { }

    /// <summary>13-17-9-5 with Tanh hidden layers and a Identity output (MSE loss).</summary>
    [Network(13)]
    [Dense(17, Activation.Tanh)]
    [Dense(9, Activation.Tanh)]
    [Dense(5, Activation.Identity)]
    public partial class TanhHiddenMse { }

    /// <summary>13-17-9-5 with Tanh hidden layers and a Sigmoid output (BCE loss).</summary>
    [Network(13)]
    [Dense(17, Activation.Tanh)]
    [Dense(9, Activation.Tanh)]
    [Dense(5, Activation.Sigmoid)]
    public partial class TanhHiddenBce { }

    /// <summary>13-17-9-5 with Tanh hidden layers and a Softmax output (CCE loss).</summary>
    [Network(13)]
    [Dense(17, Activation.Tanh)]
    [Dense(9, Activation.Tanh)]
    [Dense(5, Activation.Softmax)]
    public partial class TanhHiddenCce { }

    /// <summary>13-17-9-5 with Relu hidden layers and a Identity output (MSE loss).</summary>
    [Network(13)]
    [Dense(17, Activation.Relu)]
    [Dense(9, Activation.Relu)]
    [Dense(5, Activation.Identity)]
    public partial class ReluHiddenMse { }

    /// <summary>13-17-9-5 with Relu hidden layers and a Sigmoid output (BCE loss).</summary>
    [Network(13)]
    [Dense(17, Activation.Relu)]
    [Dense(9, Activation.Relu)]
    [Dense(5, Activation.Sigmoid)]
    public partial class ReluHiddenBce { }

    /// <summary>13-17-9-5 with Relu hidden layers and a Softmax output (CCE loss).</summary>
    [Network(13)]
    [Dense(17, Activation.Relu)]
    [Dense(9, Activation.Relu)]
    [Dense(5, Activation.Softmax)]
    public partial class ReluHiddenCce { }

    /// <summary>13-17-9-5 with LeakyRelu hidden layers and a Identity output (MSE loss).</summary>
    [Network(13)]
    [Dense(17, Activation.LeakyRelu, Alpha = 0.2f)]
    [Dense(9, Activation.LeakyRelu, Alpha = 0.2f)]
    [Dense(5, Activation.Identity)]
    public partial class LeakyReluHiddenMse { }

    /// <summary>13-17-9-5 with LeakyRelu hidden layers and a Sigmoid output (BCE loss).</summary>
    [Network(13)]
    [Dense(17, Activation.LeakyRelu, Alpha = 0.2f)]
    [Dense(9, Activation.LeakyRelu, Alpha = 0.2f)]
    [Dense(5, Activation.Sigmoid)]
    public partial class LeakyReluHiddenBce { }

    /// <summary>13-17-9-5 with LeakyRelu hidden layers and a Softmax output (CCE loss).</summary>
    [Network(13)]
    [Dense(17, Activation.LeakyRelu, Alpha = 0.2f)]
    [Dense(9, Activation.LeakyRelu, Alpha = 0.2f)]
    [Dense(5, Activation.Softmax)]
    public partial class LeakyReluHiddenCce { }

    /// <summary>13-17-9-5 with Elu hidden layers and a Identity output (MSE loss).</summary>
    [Network(13)]
    [Dense(17, Activation.Elu, Alpha = 0.7f)]
    [Dense(9, Activation.Elu, Alpha = 0.7f)]
    [Dense(5, Activation.Identity)]
    public partial class EluHiddenMse { }

    /// <summary>13-17-9-5 with Elu hidden layers and a Sigmoid output (BCE loss).</summary>
    [Network(13)]
    [Dense(17, Activation.Elu, Alpha = 0.7f)]
    [Dense(9, Activation.Elu, Alpha = 0.7f)]
    [Dense(5, Activation.Sigmoid)]
    public partial class EluHiddenBce { }

    /// <summary>13-17-9-5 with Elu hidden layers and a Softmax output (CCE loss).</summary>
    [Network(13)]
    [Dense(17, Activation.Elu, Alpha = 0.7f)]
    [Dense(9, Activation.Elu, Alpha = 0.7f)]
    [Dense(5, Activation.Softmax)]
    public partial class EluHiddenCce { }

    /// <summary>13-17-9-5 with Selu hidden layers and a Identity output (MSE loss).</summary>
    [Network(13)]
    [Dense(17, Activation.Selu)]
    [Dense(9, Activation.Selu)]
    [Dense(5, Activation.Identity)]
    public partial class SeluHiddenMse { }

    /// <summary>13-17-9-5 with Selu hidden layers and a Sigmoid output (BCE loss).</summary>
    [Network(13)]
    [Dense(17, Activation.Selu)]
    [Dense(9, Activation.Selu)]
    [Dense(5, Activation.Sigmoid)]
    public partial class SeluHiddenBce { }

    /// <summary>13-17-9-5 with Selu hidden layers and a Softmax output (CCE loss).</summary>
    [Network(13)]
    [Dense(17, Activation.Selu)]
    [Dense(9, Activation.Selu)]
    [Dense(5, Activation.Softmax)]
    public partial class SeluHiddenCce { }

    /// <summary>13-17-9-5 with Softsign hidden layers and a Identity output (MSE loss).</summary>
    [Network(13)]
    [Dense(17, Activation.Softsign)]
    [Dense(9, Activation.Softsign)]
    [Dense(5, Activation.Identity)]
    public partial class SoftsignHiddenMse { }

    /// <summary>13-17-9-5 with Softsign hidden layers and a Softmax output (CCE loss).</summary>
    [Network(13)]
    [Dense(17, Activation.Softsign)]
    [Dense(9, Activation.Softsign)]
    [Dense(5, Activation.Softmax)]
    public partial class SoftsignHiddenCce { }

    /// <summary>13-11-5 with a Softsign output trained on mean squared error.</summary>
    [Network(13, Loss = Loss.MeanSquaredError)]
    [Dense(11, Activation.Tanh)]
    [Dense(5, Activation.Softsign)]
    public partial class SoftsignOutputMse { }

    /// <summary>13-11-5 with a Sigmoid output trained on mean squared error.</summary>
    [Network(13, Loss = Loss.MeanSquaredError)]
    [Dense(11, Activation.Tanh)]
    [Dense(5, Activation.Sigmoid)]
    public partial class SigmoidOutputMse { }

    /// <summary>13-11-5 with a Tanh output trained on mean squared error.</summary>
    [Network(13, Loss = Loss.MeanSquaredError)]
    [Dense(11, Activation.Tanh)]
    [Dense(5, Activation.Tanh)]
    public partial class TanhOutputMse { }

    /// <summary>13-11-5 with a Relu output trained on mean squared error.</summary>
    [Network(13, Loss = Loss.MeanSquaredError)]
    [Dense(11, Activation.Tanh)]
    [Dense(5, Activation.Relu)]
    public partial class ReluOutputMse { }

    /// <summary>13-11-5 with a LeakyRelu output trained on mean squared error.</summary>
    [Network(13, Loss = Loss.MeanSquaredError)]
    [Dense(11, Activation.Tanh)]
    [Dense(5, Activation.LeakyRelu, Alpha = 0.2f)]
    public partial class LeakyReluOutputMse { }

    /// <summary>13-11-5 with a Elu output trained on mean squared error.</summary>
    [Network(13, Loss = Loss.MeanSquaredError)]
    [Dense(11, Activation.Tanh)]
    [Dense(5, Activation.Elu, Alpha = 0.7f)]
    public partial class EluOutputMse { }

    /// <summary>13-11-5 with a Selu output trained on mean squared error.</summary>
    [Network(13, Loss = Loss.MeanSquaredError)]
    [Dense(11, Activation.Tanh)]
    [Dense(5, Activation.Selu)]
    public partial class SeluOutputMse { }

    /// <summary>13-11-5 with a Softmax output trained on mean squared error.</summary>
    [Network(13, Loss = Loss.MeanSquaredError)]
    [Dense(11, Activation.Tanh)]
    [Dense(5, Activation.Softmax)]
    public partial class SoftmaxOutputMse { }

    /// <summary>LeakyRelu and Elu with their default alphas (0.01 and 1.0).</summary>
    [Network(7)]
    [Dense(9, Activation.LeakyRelu)]
    [Dense(6, Activation.Elu)]
    [Dense(3)]
    public partial class DefaultAlphas { }
}
