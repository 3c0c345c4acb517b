namespace NetGen.TestNetworks
{
    /// <summary>Dropout after both hidden layers, softmax output.</summary>
    [Network(13)]
    [Dense(17, Activation.Relu)]
    [Dropout(0.3f)]
    [Dense(9, Activation.Tanh)]
    [Dropout(0.5f)]
    [Dense(5, Activation.Softmax)]
    public partial class DropoutClassifier { }

    /// <summary>Dropout after the first of two hidden layers, regression output.</summary>
    [Network(11)]
    [Dense(19, Activation.Sigmoid)]
    [Dropout(0.25f)]
    [Dense(7, Activation.Elu, Alpha = 0.5f)]
    [Dense(3)]
    public partial class DropoutRegressor { }
}
