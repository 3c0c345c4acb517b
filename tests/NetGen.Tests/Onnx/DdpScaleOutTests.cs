using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.TestNetworks;
using NetGen.Tests.Data;
using Xunit;

namespace NetGen.Tests.Onnx;

/// <summary>
/// The scale-out path of docs/scale-out.md: tools/pytorch/train_ddp.py trains with DistributedDataParallel (2 gloo
/// processes on this machine standing in for many), and NetGen loads, embeds and serves what it writes.
/// </summary>
public sealed class DdpScaleOutTests : IDisposable
{
    /// <summary>
    /// PyTorch and NetGen both compute in float32 with different summation orders and tanh/exp: two layers of at most
    /// 16-term dot products of order-1 values round to a few 1e-7, so 1e-5 is a wide margin that a wrong layer order,
    /// transposed weights, a lost bias or an unapplied standardizer (each moves outputs by more than 1e-2) cannot meet.
    /// </summary>
    private const double Tolerance = 1e-5;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static (float[][] Inputs, float[][] Outputs, JsonElement Root) Reference(string path)
    {
        JsonElement root = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        static float[][] Rows(JsonElement e) => e.EnumerateArray().Select(r => r.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray()).ToArray();
        return (Rows(root.GetProperty("inputs")), Rows(root.GetProperty("outputs")), root);
    }

    private static double MaxDifference(INetwork net, float[][] inputs, float[][] outputs)
    {
        double max = 0;
        var y = new float[net.OutputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            net.Forward(inputs[i], y);
            for (int k = 0; k < y.Length; k++) max = Math.Max(max, Math.Abs(y[k] - outputs[i][k]));
        }

        return max;
    }

    [FactWhenPythonHas("torch, onnx", "python3-torch python3-onnx")]
    public void TwoProcessDdpEpochMatchesNetGen()
    {
        string python = PythonTools.Require("torch, onnx");
        string script = Path.Combine(RepoFiles.Root, "tools", "pytorch", "train_ddp.py");
        (int exit, string output, string error) = PythonTools.Run(python,
            new[] { script, "--nproc", "2", "--epochs", "1", "--data", Path.Combine(RepoFiles.Root, "data", "iris.csv"), "--out", _dir.Path },
            TimeSpan.FromMinutes(4));
        Assert.True(exit == 0, $"train_ddp.py failed ({exit}):\n{output}\n{error}");

        (float[][] inputs, float[][] outputs, JsonElement root) = Reference(_dir.File("reference.json"));
        Assert.Equal(2, root.GetProperty("world_size").GetInt32());
        Assert.True(root.GetProperty("steps_per_rank").GetInt32() > 0);
        // The ranks stepped in lockstep: DDP averaged their gradients, so their weights are identical.
        Assert.Equal(0.0, root.GetProperty("replica_max_difference").GetDouble());

        var fromSafetensors = new IrisDdpNetwork();
        LoadResult result = fromSafetensors.Load(_dir.File("model.safetensors"));
        Assert.True(result.UsedPyTorchNames);
        Assert.NotNull(result.Standardizer);
        Assert.InRange(MaxDifference(fromSafetensors, inputs, outputs), 0, Tolerance);

        var fromOnnx = new IrisDdpNetwork();
        fromOnnx.Load(_dir.File("model.onnx"));
        Assert.Equal(fromSafetensors.Parameters.ToArray(), fromOnnx.Parameters.ToArray());

        // Served the other way: NetGen's own export of the result, in ONNX Runtime.
        string exported = _dir.File("netgen.onnx");
        fromOnnx.SaveOnnx(exported, result.Standardizer);
        float[] served = OnnxRuntimeRunner.Run(exported, inputs.SelectMany(r => r).ToArray(), inputs.Length, 4);
        for (int i = 0; i < inputs.Length; i++)
            for (int k = 0; k < 3; k++) Assert.InRange(Math.Abs(served[i * 3 + k] - outputs[i][k]), 0, Tolerance);
    }

    /// <summary>A DDP run's ONNX file checked in and baked by [EmbeddedWeights] computes what PyTorch recorded.</summary>
    [Fact]
    public void CheckedInDdpModelEmbedsAndMatchesPyTorch()
    {
        (float[][] inputs, float[][] outputs, JsonElement root) = Reference(RepoFiles.TestData("iris_ddp_2proc.json"));
        Assert.Equal(2, root.GetProperty("world_size").GetInt32());
        IrisDdpNetwork baked = IrisDdpNetwork.CreatePretrained();
        Assert.InRange(MaxDifference(baked, inputs, outputs), 0, Tolerance);
        // The same check fails for an untrained network of the same shape.
        Assert.True(MaxDifference(new IrisDdpNetwork(seed: 1), inputs, outputs) > 1e-2);
    }
}
