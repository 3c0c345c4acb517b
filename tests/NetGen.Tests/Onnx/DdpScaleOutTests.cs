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

    [FactWhenPythonHas("torch, onnx", "python3-torch python3-onnx")]
    public void TwoProcessDdpEpochMatchesNetGen()
    {
        string python = PythonTools.Require("torch, onnx");
        string script = Path.Combine(RepoFiles.Root, "tools", "pytorch", "train_ddp.py");
        (int exit, string output, string error) = PythonTools.Run(python,
            new[] { script, "--nproc", "2", "--epochs", "1", "--data", Path.Combine(RepoFiles.Root, "data", "iris.csv"), "--out", _dir.Path },
            TimeSpan.FromMinutes(4));
        Assert.True(exit == 0, $"train_ddp.py failed ({exit}):\n{output}\n{error}");

        ReferenceOutputs reference = ReferenceOutputs.Read(_dir.File("reference.json"));
        (float[][] inputs, float[][] outputs, JsonElement root) = (reference.Inputs, reference.Outputs, reference.Root);
        Assert.Equal(2, root.GetProperty("world_size").GetInt32());
        Assert.True(root.GetProperty("steps_per_rank").GetInt32() > 0);
        // The ranks stepped in lockstep: DDP averaged their gradients, so their weights are identical.
        Assert.Equal(0.0, root.GetProperty("replica_max_difference").GetDouble());

        var fromSafetensors = new IrisDdpNetwork();
        LoadResult result = fromSafetensors.Load(_dir.File("model.safetensors"));
        Assert.True(result.UsedPyTorchNames);
        Assert.NotNull(result.Standardizer);
        Assert.InRange(reference.MaxDifference(fromSafetensors), 0, Tolerance);

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
        ReferenceOutputs reference = ReferenceOutputs.Read(RepoFiles.TestData("iris_ddp_2proc.json"));
        JsonElement root = reference.Root;
        Assert.Equal(2, root.GetProperty("world_size").GetInt32());
        IrisDdpNetwork baked = IrisDdpNetwork.CreatePretrained();
        Assert.InRange(reference.MaxDifference(baked), 0, Tolerance);
        // The same check fails for an untrained network of the same shape.
        Assert.True(reference.MaxDifference(new IrisDdpNetwork(seed: 1)) > 1e-2);
    }
}
