// 20 networks of mixed sizes (2-8-1 up to 784-256-128-10, 1 to 3 hidden layers) for the generator-cost build.
using NetGen;

namespace GeneratorCost;

[Network(4)]
[Dense(16, Activation.Relu)]
[Dropout(0.1f)]
[Dense(3, Activation.Softmax)]
public partial class Net0;

[Network(8)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Sigmoid)]
[Dense(4, Activation.Softmax)]
public partial class Net1;

[Network(16)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.LeakyRelu)]
[Dense(4, Activation.Softmax)]
public partial class Net2;

[Network(6)]
[Dense(32, Activation.LeakyRelu)]
[Dense(32, Activation.Elu)]
[Dense(4, Activation.Softmax)]
public partial class Net3;

[Network(2)]
[Dense(8, Activation.Elu)]
[Dropout(0.1f)]
[Dense(1, Activation.Sigmoid)]
public partial class Net4;

[Network(10)]
[Dense(64, Activation.Selu)]
[Dense(10, Activation.Softmax)]
public partial class Net5;

[Network(32)]
[Dense(64, Activation.Selu)]
[Dense(32, Activation.Relu)]
[Dense(8, Activation.Softmax)]
public partial class Net6;

[Network(64)]
[Dense(128, Activation.Relu)]
[Dense(16, Activation.Softmax)]
public partial class Net7;

[Network(3)]
[Dense(12, Activation.Relu)]
[Dropout(0.1f)]
[Dense(12, Activation.Sigmoid)]
[Dropout(0.1f)]
[Dense(2, Activation.Softmax)]
public partial class Net8;

[Network(12)]
[Dense(24, Activation.LeakyRelu)]
[Dense(6, Activation.Softmax)]
public partial class Net9;

[Network(100)]
[Dense(50, Activation.LeakyRelu)]
[Dense(10, Activation.Softmax)]
public partial class Net10;

[Network(784)]
[Dense(128, Activation.LeakyRelu)]
[Dense(10, Activation.Softmax)]
public partial class Net11;

[Network(784)]
[Dense(256, Activation.LeakyRelu)]
[Dropout(0.1f)]
[Dense(128, Activation.Selu)]
[Dropout(0.1f)]
[Dense(10, Activation.Softmax)]
public partial class Net12;

[Network(20)]
[Dense(40, Activation.Relu)]
[Dense(40, Activation.Tanh)]
[Dense(40, Activation.Sigmoid)]
[Dense(5, Activation.Softmax)]
public partial class Net13;

[Network(5)]
[Dense(10, Activation.Sigmoid)]
[Dense(5, Activation.Softmax)]
public partial class Net14;

[Network(50)]
[Dense(100, Activation.Sigmoid)]
[Dense(50, Activation.LeakyRelu)]
[Dense(3, Activation.Softmax)]
public partial class Net15;

[Network(28)]
[Dense(56, Activation.LeakyRelu)]
[Dropout(0.1f)]
[Dense(7, Activation.Softmax)]
public partial class Net16;

[Network(1)]
[Dense(4, Activation.Elu)]
[Dense(1, Activation.Sigmoid)]
public partial class Net17;

[Network(300)]
[Dense(100, Activation.Elu)]
[Dense(30, Activation.Softmax)]
public partial class Net18;

[Network(128)]
[Dense(64, Activation.Elu)]
[Dense(32, Activation.Selu)]
[Dense(16, Activation.Relu)]
[Dense(4, Activation.Softmax)]
public partial class Net19;
