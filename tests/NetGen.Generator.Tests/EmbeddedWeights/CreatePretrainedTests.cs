using System;
using System.Linq;
using System.Reflection;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generator.Tests.EmbeddedWeights;

/// <summary>A matching weights file generates CreatePretrained, whose parameters are the file's exact float bits.</summary>
public class CreatePretrainedTests
{
    internal const string Network = """
        using NetGen;
        namespace Game
        {
            /// <summary>A game agent's policy.</summary>
            [Network(3)]
            [Dense(4, Activation.Tanh)]
            [Dense(2, Activation.Softmax)]
            [EmbeddedWeights("policy.safetensors")]
            public partial class Policy { }
        }
        """;

    internal static readonly int[] Units = { 4, 2 };

    /// <summary>
    /// Bit patterns whose bytes include 0x00 and every value 0x80-0x9F (the bytes Windows-1252 and Latin-1 decode
    /// differently and UTF-8 rejects), plus negative zero, the smallest subnormal and the largest finite float.
    /// </summary>
    internal static float Tricky(int layer, int index)
    {
        int g = layer == 0 ? index : 16 + index;
        int bits = g switch
        {
            0 => unchecked((int)0x80000000),
            1 => 0x00000001,
            2 => 0x7F7FFFFF,
            // Bytes: 0x80 + (2g mod 32), 0x00, 0x80 + ((2g + 1) mod 32), then a sign/exponent byte; g = 3..25 covers all of 0x80-0x9F.
            _ => (0x80 + 2 * g % 32) | ((0x80 + (2 * g + 1) % 32) << 16) | ((g % 2 == 0 ? 0x3F : 0xBF) << 24),
        };
        return BitConverter.Int32BitsToSingle(bits);
    }

    internal static int[] ExpectedBits() =>
        Enumerable.Range(0, 2).SelectMany(l => Enumerable.Range(0, l == 0 ? 16 : 10).Select(i => BitConverter.SingleToInt32Bits(Tricky(l, i)))).ToArray();

    [Fact]
    public void MatchingFile_GeneratesCreatePretrainedWithTheFilesExactBits()
    {
        using var file = WeightsAdditionalText.Create("policy.safetensors", SafetensorsBuilder.ForLayers(3, Units, Tricky).Build());
        GeneratorRun run = EmbeddedWeightsRun.Run(Network, file);
        Assert.Empty(run.NetGenDiagnostics());
        run.AssertOutputCompilesCleanly();
        Assert.Contains("public static Policy CreatePretrained()", run.MainSource);

        Type policy = EmbeddedWeightsRun.Load(run).GetType("Game.Policy")!;
        object network = policy.GetMethod("CreatePretrained", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null)!;
        float[] parameters = ((INetwork)network).Parameters.ToArray();
        Assert.Equal(ExpectedBits(), parameters.Select(BitConverter.SingleToInt32Bits).ToArray());

        // Each call builds an independent instance.
        object other = policy.GetMethod("CreatePretrained")!.Invoke(null, null)!;
        Assert.NotSame(network, other);
        ((INetwork)other).Parameters[0] = 42f;
        Assert.Equal(BitConverter.SingleToInt32Bits(parameters[0]), BitConverter.SingleToInt32Bits(((INetwork)network).Parameters[0]));
    }

    [Fact]
    public void PyTorchSequentialNames_AreAcceptedInNumericOrder()
    {
        // nn.Sequential(Linear, Tanh, Linear): layers 0 and 2, listed out of order to show the order is numeric, not textual.
        float V(int l, int i) => l * 1000 + i;
        byte[] bytes = new SafetensorsBuilder()
            .Add("2.weight", new long[] { 2, 4 }, Enumerable.Range(0, 8).Select(i => V(1, i)).ToArray())
            .Add("2.bias", new long[] { 2 }, Enumerable.Range(8, 2).Select(i => V(1, i)).ToArray())
            .Add("0.weight", new long[] { 4, 3 }, Enumerable.Range(0, 12).Select(i => V(0, i)).ToArray())
            .Add("0.bias", new long[] { 4 }, Enumerable.Range(12, 4).Select(i => V(0, i)).ToArray())
            .Build();
        using var file = WeightsAdditionalText.Create("policy.safetensors", bytes);
        GeneratorRun run = EmbeddedWeightsRun.Run(Network, file);
        Assert.Empty(run.NetGenDiagnostics());
        object network = EmbeddedWeightsRun.Load(run).GetType("Game.Policy")!.GetMethod("CreatePretrained")!.Invoke(null, null)!;
        float[] expected = Enumerable.Range(0, 16).Select(i => V(0, i)).Concat(Enumerable.Range(0, 10).Select(i => V(1, i))).ToArray();
        Assert.Equal(expected, ((INetwork)network).Parameters.ToArray());
    }

    [Fact]
    public void LargeNetwork_SpansManyLiteralsAndStaysExact()
    {
        // 40-700-3: 30,803 parameters, so 61 literals of 512 with a partial last one.
        const string source = """
            using NetGen;
            [Network(40)]
            [Dense(700, Activation.Relu)]
            [Dense(3, Activation.Softmax)]
            [EmbeddedWeights("big.safetensors")]
            public partial class Big { }
            """;
        float V(int l, int i) => (float)Math.Sin(l * 7919 + i) * 0.1f;
        using var file = WeightsAdditionalText.Create("big.safetensors", SafetensorsBuilder.ForLayers(40, new[] { 700, 3 }, V).Build());
        GeneratorRun run = EmbeddedWeightsRun.Run(source, file);
        Assert.Empty(run.NetGenDiagnostics());
        object network = EmbeddedWeightsRun.Load(run).GetType("Big")!.GetMethod("CreatePretrained")!.Invoke(null, null)!;
        float[] expected = Enumerable.Range(0, 40 * 700 + 700).Select(i => V(0, i)).Concat(Enumerable.Range(0, 700 * 3 + 3).Select(i => V(1, i))).ToArray();
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), ((INetwork)network).Parameters.ToArray().Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void WithoutTheAttribute_NoCreatePretrainedAndNoFileIsRead()
    {
        const string source = """
            using NetGen;
            [Network(3)]
            [Dense(2, Activation.Softmax)]
            public partial class Plain { }
            """;
        // A file that would fail every check, to show it is not even looked at.
        using var file = WeightsAdditionalText.Create("policy.safetensors", new byte[] { 1, 2, 3 });
        GeneratorRun run = EmbeddedWeightsRun.Run(source, file);
        Assert.Empty(run.NetGenDiagnostics());
        Assert.DoesNotContain("CreatePretrained", run.MainSource);
    }
}
