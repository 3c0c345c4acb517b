using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.TestNetworks;
using NetGen.Tests.Data;
using NetGen.Tests.Weights;
using Xunit;

namespace NetGen.Tests.Onnx;

/// <summary>
/// A model exported by PyTorch's torch.onnx.export (tests/pytorch/make_onnx_reference.py, checked in with PyTorch's
/// outputs) loads at run time and is baked in by [EmbeddedWeights], and both compute what PyTorch computed.
/// </summary>
public sealed class PyTorchOnnxTests
{
    /// <summary>
    /// Both sides compute in float32 with different summation orders and tanh/exp implementations; three layers of at
    /// most 16-term dot products of order-1 values round to a few 1e-7 each, so 1e-5 is a wide margin that a wrong
    /// layer order, transposed weights or a lost alpha (each moves outputs by more than 1e-3, asserted below) cannot meet.
    /// </summary>
    private const double Tolerance = 1e-5;

    public static string ModelPath => Path.Combine(RepoFiles.Root, "tests", "NetGen.TestNetworks", "Weights", "pytorch_4_16_8_3.onnx");

    private static ReferenceOutputs Expected() => ReferenceOutputs.Read(RepoFiles.TestData("pytorch_4_16_8_3_onnx.json"));

    private static double MaxDifference(INetwork net) => Expected().MaxDifference(net);

    [Fact]
    public void TheFileIsTorchsGemmGraph()
    {
        Assert.Equal(new[] { "Gemm", "Tanh", "Gemm", "LeakyRelu", "Gemm", "Softmax" }, Expected().Root.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()).ToArray());
    }

    [Fact]
    public void LoadsAtRunTimeAndMatchesPyTorch()
    {
        var net = new PyTorchOnnxNetwork();
        LoadResult result = net.Load(ModelPath);
        Assert.Null(result.Standardizer);
        Assert.Null(result.Architecture);
        Assert.InRange(MaxDifference(net), 0, Tolerance);
    }

    [Fact]
    public void EmbeddedWeightsMatchPyTorchAndTheRunTimeLoad()
    {
        PyTorchOnnxNetwork baked = PyTorchOnnxNetwork.CreatePretrained();
        var loaded = new PyTorchOnnxNetwork();
        loaded.Load(ModelPath);
        Assert.Equal(loaded.Parameters.ToArray(), baked.Parameters.ToArray());
        Assert.InRange(MaxDifference(baked), 0, Tolerance);
    }

    [Fact]
    public void TheComparisonCanFail()
    {
        // The same parameters under swapped hidden activations (copied past the activation check) give other outputs.
        var wrong = new ParameterOnlyNetwork(ParameterOnlyNetwork.Describe(4, (16, Activation.Relu), (8, Activation.Tanh), (3, Activation.Softmax)));
        PyTorchOnnxNetwork.CreatePretrained().Parameters.CopyTo(wrong.Parameters);
        Assert.True(MaxDifference(wrong) > 1e-3);
    }

    [Fact]
    public void ADifferentAlphaIsRefusedByName()
    {
        var net = new ParameterOnlyNetwork(ParameterOnlyNetwork.Describe(4, (16, Activation.Tanh), (8, Activation.LeakyRelu), (3, Activation.Softmax)));
        float[] before = net.Parameters.ToArray();
        var e = Assert.Throws<InvalidDataException>(() => net.Load(ModelPath));
        Assert.Contains("Dense layer 1", e.Message);
        Assert.Contains("LeakyRelu(alpha 0.2)", e.Message);
        Assert.Equal(before, net.Parameters.ToArray());
    }
}
