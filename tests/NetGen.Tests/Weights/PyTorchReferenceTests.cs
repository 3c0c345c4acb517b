using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.Tests.Data;
using Xunit;

namespace NetGen.Tests.Weights;

/// <summary>
/// A model trained-and-saved the PyTorch way (tests/pytorch/make_reference.py, checked in with its outputs) loads into
/// NetGen and computes what PyTorch computed.
/// </summary>
public class PyTorchReferenceTests
{
    private const string Name = "pytorch_sequential_4_8_8_3";

    /// <summary>
    /// PyTorch computed in float32: each output passes three layers of at most 8-term dot products of values of order 1,
    /// so its rounding error is about 8 x 6e-8 per layer, a few 1e-7 in all (measured against a float64 numpy forward
    /// pass: 7.4e-8). 1e-6 leaves a margin over that estimate; a wrong layer order, transposed weights or a swapped
    /// activation moves the outputs by more than 1e-3 (asserted below).
    /// </summary>
    private const double Tolerance = 1e-6;

    private static readonly NetworkArchitecture Arch =
        ParameterOnlyNetwork.Describe(4, (8, Activation.Tanh), (8, Activation.Relu), (3, Activation.Softmax));

    private static (float[][] Inputs, float[][] Outputs) Expected()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(RepoFiles.TestData(Name + ".json")));
        static float[][] Rows(JsonElement e) => e.EnumerateArray().Select(r => r.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray()).ToArray();
        return (Rows(doc.RootElement.GetProperty("inputs")), Rows(doc.RootElement.GetProperty("outputs")));
    }

    private static double MaxDifference(INetwork net)
    {
        (float[][] inputs, float[][] outputs) = Expected();
        double max = 0;
        var y = new float[3];
        for (int i = 0; i < inputs.Length; i++)
        {
            net.Forward(inputs[i], y);
            for (int k = 0; k < 3; k++) max = Math.Max(max, Math.Abs(y[k] - outputs[i][k]));
        }

        return max;
    }

    [Fact]
    public void LoadsAndMatchesPyTorchOutputs()
    {
        var net = new ParameterOnlyNetwork(Arch);
        LoadResult result = net.Load(RepoFiles.TestData(Name + ".safetensors"));

        Assert.True(result.UsedPyTorchNames);
        Assert.Null(result.Standardizer);
        Assert.Equal("pt", result.Metadata["format"]);
        Assert.InRange(MaxDifference(net), 0, Tolerance);
    }

    [Fact]
    public void TheComparisonCanFail()
    {
        var swapped = new ParameterOnlyNetwork(ParameterOnlyNetwork.Describe(4, (8, Activation.Relu), (8, Activation.Tanh), (3, Activation.Softmax)));
        swapped.Load(RepoFiles.TestData(Name + ".safetensors"));
        Assert.True(MaxDifference(swapped) > 1e-3);
    }

    [Fact]
    public void GeneratedNetworkMatchesPyTorch()
    {
        var net = new NetGen.TestNetworks.PyTorchSequential();
        net.Load(RepoFiles.TestData(Name + ".safetensors"));
        // Both sides are float32 now, with different summation orders and tanh/exp implementations: each may be off by a
        // few 1e-7, so allow 1e-5, still two orders of magnitude below what a real mismatch produces.
        Assert.InRange(MaxDifference(net), 0, 1e-5);
    }
}
