namespace NetGen.Samples.FashionMnist;

/// <summary>Fashion-MNIST classifier: 28x28 grey pixels in, ten clothing classes out.</summary>
[Network(784)]
[Dense(256, Activation.Relu)]
[Dropout(0.2f)]
[Dense(128, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class FashionNet;

/// <summary>Classifier for the bundled 8x8 handwritten digits: 64 pixels in, ten digits out.</summary>
[Network(64)]
[Dense(64, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class DigitsNet;
