namespace NetGen.TestNetworks
{
    /// <summary>
    /// Weights baked in by the real build from Weights/pytorch_4_16_8_3.onnx, the torch.onnx.export output of a seeded
    /// PyTorch nn.Sequential (tests/pytorch/make_onnx_reference.py): Gemm nodes with transB, Tanh, LeakyRelu(0.2), Softmax.
    /// </summary>
    [Network(4)]
    [Dense(16, Activation.Tanh)]
    [Dense(8, Activation.LeakyRelu, Alpha = 0.2f)]
    [Dense(3, Activation.Softmax)]
    [EmbeddedWeights("Weights/pytorch_4_16_8_3.onnx")]
    public partial class PyTorchOnnxNetwork { }
}

namespace NetGen.TestNetworks
{
    /// <summary>
    /// The iris network that tools/pytorch/train_ddp.py trains with DistributedDataParallel (2 gloo processes, 1 epoch),
    /// baked in from its ONNX export Weights/iris_ddp_2proc.onnx: the scale-out path ending in a NetGen build.
    /// </summary>
    [Network(4)]
    [Dense(16, Activation.Tanh)]
    [Dense(3, Activation.Softmax)]
    [EmbeddedWeights("Weights/iris_ddp_2proc.onnx")]
    public partial class IrisDdpNetwork { }
}
