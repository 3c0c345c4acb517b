using System;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Tests.Infrastructure;
using NetGen.Tests.Onnx;
using Xunit;

namespace NetGen.Generator.Tests.EmbeddedWeights;

/// <summary>[EmbeddedWeights] of an .onnx file: a matching graph bakes its exact weights; every mismatch is NG0031-NG0037 at the path.</summary>
public class OnnxEmbeddedWeightsTests
{
    private const string Markup = """
        using NetGen;
        namespace Game
        {
            /// <summary>A game agent's policy.</summary>
            [Network(3)]
            [Dense(4, Activation.LeakyRelu, Alpha = 0.2f)]
            [Dense(2, Activation.Softmax)]
            [EmbeddedWeights({|ID:"policy.onnx"|})]
            public partial class Policy { }
        }
        """;

    private static string Marked(string id) => Markup.Replace("ID", id);

    private static float[] Values(int count, float seed) => Enumerable.Range(0, count).Select(i => seed + 0.25f * i).ToArray();

    /// <summary>torch.onnx.export's layout for the declared network: Gemm (transB) + LeakyRelu, Gemm + Softmax.</summary>
    private static OnnxBytes TorchShaped(string firstActivation = "LeakyRelu", float alpha = 0.2f, int units = 4, Action<OnnxBytes, string>? end = null)
    {
        var g = new OnnxBytes(13)
            .Input("input", 1, "batch", 3L)
            .Initializer("0.weight", new long[] { units, 3 }, Values(3 * units, 1))
            .Initializer("0.bias", new long[] { units }, Values(units, 2))
            .Initializer("2.weight", new long[] { 2, units }, Values(2 * units, 3))
            .Initializer("2.bias", new long[] { 2 }, Values(2, 4))
            .Node("Gemm", new[] { "input", "0.weight", "0.bias" }, new[] { "/0/Gemm_output_0" }, "/0/Gemm", "", ("alpha", 1f), ("beta", 1f), ("transB", 1L))
            .Node(firstActivation, new[] { "/0/Gemm_output_0" }, new[] { "/1/out" }, "/1/" + firstActivation, "", firstActivation == "LeakyRelu" ? new[] { ("alpha", (object)alpha) } : Array.Empty<(string, object)>())
            .Node("Gemm", new[] { "/1/out", "2.weight", "2.bias" }, new[] { "/2/Gemm_output_0" }, "/2/Gemm", "", ("transB", 1L))
            .Node("Softmax", new[] { "/2/Gemm_output_0" }, new[] { "output" }, "/3/Softmax", "", ("axis", 1L));
        if (end is null) g.Output("output", 1, "batch", 2L);
        else end(g, "output");
        return g;
    }

    private static Diagnostic Single(string id, byte[] bytes)
    {
        using var file = WeightsAdditionalText.Create("policy.onnx", bytes);
        return Assert.Single(EmbeddedWeightsRun.AssertReports(Marked(id), file));
    }

    [Fact]
    public void MatchingGraph_BakesItsExactWeights()
    {
        using var file = WeightsAdditionalText.Create("policy.onnx", TorchShaped().Build());
        GeneratorRun run = EmbeddedWeightsRun.Run(Markup.Replace("{|ID:", "").Replace("|}", ""), file);
        Assert.Empty(run.NetGenDiagnostics());
        run.AssertOutputCompilesCleanly();
        Type policy = EmbeddedWeightsRun.Load(run).GetType("Game.Policy")!;
        var network = (INetwork)policy.GetMethod("CreatePretrained", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null)!;
        float[] expected = Values(12, 1).Concat(Values(4, 2)).Concat(Values(8, 3)).Concat(Values(2, 4)).ToArray();
        Assert.Equal(expected, network.Parameters.ToArray());
    }

    [Fact]
    public void NG0031_Truncated_GivesTheByteOffset()
    {
        byte[] valid = TorchShaped().Build();
        Assert.Contains("byte ", Single("NG0031", valid.AsSpan(0, valid.Length - 7).ToArray()).GetMessage());
    }

    [Fact]
    public void NG0032_FewerLayers() =>
        Assert.Contains("declares 2", Single("NG0032", new OnnxBytes().Input("input", 1, "N", 3L)
            .Initializer("w", new long[] { 2, 3 }, new float[6]).Node("Gemm", new[] { "input", "w" }, new[] { "y" }, "", "", ("transB", 1L))
            .Node("Softmax", new[] { "y" }, new[] { "output" }).Output("output", 1, "N", 2L).Build()).GetMessage());

    [Fact]
    public void NG0033_MoreLayers() =>
        Assert.Contains("holds 3 Dense layers", Single("NG0033", TorchShaped(end: (g, c) => g
            .Initializer("w3", new long[] { 2, 2 }, new float[4]).Node("MatMul", new[] { c, "w3" }, new[] { "extra" }).Output("extra", 1, "N", 2L)).Build()).GetMessage());

    [Fact]
    public void NG0034_WrongUnits() =>
        Assert.Contains("Dense layer 0 needs [4, 3]", Single("NG0034", TorchShaped(units: 5).Build()).GetMessage());

    [Fact]
    public void NG0035_DoubleWeights() =>
        Assert.Contains("DOUBLE", Single("NG0035", new OnnxBytes().Input("input", 1, "N", 3L)
            .RawInitializer("w", new long[] { 3, 4 }, 11, new byte[96]).Node("MatMul", new[] { "input", "w" }, new[] { "output" }).Output("output", 1, "N", 4L).Build()).GetMessage());

    [Fact]
    public void NG0036_ConvIsRefusedByName() =>
        Assert.Contains("node 4 (Conv 'conv'): Conv is not a dense-network operator", Single("NG0036", TorchShaped(end: (g, c) => g
            .Node("Conv", new[] { c, "2.weight" }, new[] { "conv_out" }, "conv").Output("conv_out", 1)).Build()).GetMessage());

    [Fact]
    public void NG0036_FoldedStandardizerCannotBeBaked()
    {
        byte[] bytes = new OnnxBytes().Input("input", 1, "N", 3L)
            .Initializer("mean", new long[] { 3 }, new float[3]).Initializer("std", new long[] { 3 }, new[] { 1f, 2f, 3f })
            .Initializer("w0", new long[] { 4, 3 }, new float[12]).Initializer("w1", new long[] { 2, 4 }, new float[8])
            .Node("Sub", new[] { "input", "mean" }, new[] { "c" }).Node("Div", new[] { "c", "std" }, new[] { "s" })
            .Node("Gemm", new[] { "s", "w0" }, new[] { "h" }, "", "", ("transB", 1L)).Node("LeakyRelu", new[] { "h" }, new[] { "a" }, "", "", ("alpha", 0.2f))
            .Node("Gemm", new[] { "a", "w1" }, new[] { "z" }, "", "", ("transB", 1L)).Node("Softmax", new[] { "z" }, new[] { "output" }, "", "", ("axis", 1L))
            .Output("output", 1, "N", 2L).Build();
        Assert.Contains("Sub/Div", Single("NG0036", bytes).GetMessage());
    }

    [Fact]
    public void NG0037_OtherActivation() =>
        Assert.Contains("applies Tanh but the network declares LeakyRelu(alpha 0.2)", Single("NG0037", TorchShaped("Tanh").Build()).GetMessage());

    [Fact]
    public void NG0037_OtherAlpha() =>
        Assert.Contains("LeakyRelu(alpha 0.01)", Single("NG0037", TorchShaped(alpha: 0.01f).Build()).GetMessage());

    /// <summary>Hostile .onnx files: the generator never crashes, and either reports one NG0031-NG0037 error or embeds.</summary>
    [Fact]
    public void TruncationsAndByteFlips_NeverCrash()
    {
        byte[] valid = TorchShaped().Build();
        var random = new Random(20261201);
        var cases = Enumerable.Range(0, valid.Length).Where(n => n % 3 == 0).Select(n => valid.AsSpan(0, n).ToArray()).ToList();
        for (int i = 0; i < 300; i++)
        {
            byte[] flipped = (byte[])valid.Clone();
            for (int k = random.Next(1, 4); k > 0; k--) flipped[random.Next(flipped.Length)] = (byte)random.Next(256);
            cases.Add(flipped);
        }

        int rejected = 0;
        foreach (byte[] bytes in cases)
        {
            using var file = WeightsAdditionalText.Create("policy.onnx", bytes);
            GeneratorRun run = EmbeddedWeightsRun.Run(Markup.Replace("{|ID:", "").Replace("|}", ""), file);
            run.AssertNoCrash();
            string[] ids = run.NetGenDiagnostics().Select(d => d.Id).ToArray();
            if (ids.Length == 0) continue;
            rejected++;
            Assert.Single(ids);
            Assert.Contains(ids[0], new[] { "NG0031", "NG0032", "NG0033", "NG0034", "NG0035", "NG0036", "NG0037" });
        }

        Assert.True(rejected >= cases.Count / 3, $"{rejected} of {cases.Count} rejected");
    }
}
