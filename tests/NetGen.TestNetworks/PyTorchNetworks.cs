namespace NetGen.TestNetworks
{
    /// <summary>
    /// The NetGen twin of the PyTorch model in tests/pytorch/make_reference.py:
    /// <c>nn.Sequential(Linear(4, 8), Tanh(), Linear(8, 8), ReLU(), Linear(8, 3), Softmax(dim=-1))</c>.
    /// Its weights load from tests/NetGen.Tests/TestData/pytorch_sequential_4_8_8_3.safetensors.
    /// </summary>
    [Network(4)]
    [Dense(8, Activation.Tanh)]
    [Dense(8, Activation.Relu)]
    [Dense(3, Activation.Softmax)]
    public partial class PyTorchSequential { }
}
