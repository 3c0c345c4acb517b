// The 235,146-parameter network whose weights are embedded at compile time (-p:WithEmbeddedWeights=true).
using NetGen;

namespace GeneratorCost;

[Network(784)]
[Dense(256, Activation.Relu)]
[Dense(128, Activation.Relu)]
[Dense(10, Activation.Softmax)]
[EmbeddedWeights("obj/mnist_784_256_128_10.safetensors")]
public partial class EmbeddedMnist;
