namespace NetGen.Benchmarks;

/// <summary>The small benchmark network: 16-32-32-4, tanh hidden layers, identity output.</summary>
[Network(16)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(4, Activation.Identity)]
public partial class TinyNet { }

/// <summary>The medium benchmark network: 784-128-10, ReLU hidden layer, softmax output.</summary>
[Network(784)]
[Dense(128, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class MediumNet { }

/// <summary>The training benchmark's network: 784-256-128-10, ReLU hidden layers, softmax output.</summary>
[Network(784)]
[Dense(256, Activation.Relu)]
[Dense(128, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class TrainingNet { }

/// <summary>A game-agent policy: 6-32-32-4, tanh hidden layers, softmax output (the shape of samples/GameAgent).</summary>
[Network(6)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(4, Activation.Softmax)]
public partial class PolicyNet { }
