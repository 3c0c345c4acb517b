using NetGen.Generator.Helpers;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generator.Tests.Snapshots;

/// <summary>
/// The generated source of representative networks, checked against reviewed baselines (see the project README for
/// accepting changes). Each also compiles the output warning-free at C# 9 with nullable enabled.
/// </summary>
public class SnapshotTests
{
    [Fact]
    public void Lecture331() => VerifyNetwork("""
        using NetGen;
        namespace Lecture
        {
            /// <summary>The lecture's 3-3-1 sigmoid network.</summary>
            [Network(3)]
            [Dense(3, Activation.Sigmoid)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Tiny { }
        }
        """);

    [Fact]
    public void Controller16x32x32x4() => VerifyNetwork("""
        using NetGen;
        namespace Game.AI
        {
            /// <summary>16-32-32-4, tanh hidden layers, identity output.</summary>
            [Network(16)]
            [Dense(32, Activation.Tanh)]
            [Dense(32, Activation.Tanh)]
            [Dense(4)]
            public sealed partial class Controller { }
        }
        """);

    [Fact]
    public void BatchedInference() => VerifyNetwork("""
        using NetGen;
        namespace Vision
        {
            /// <summary>48 inputs: ForwardBatch blocks the first layer (inputs beyond registers), not the second.</summary>
            [Network(48)]
            [Dense(16, Activation.Relu)]
            [Dense(3, Activation.Softmax)]
            public partial class Patches { }
        }
        """);

    [Fact]
    public void NestedNamespaceAndContainingTypes() => VerifyNetwork("""
        using NetGen;
        namespace Company.Product.Models
        {
            /// <summary>Container.</summary>
            public static partial class Brains
            {
                /// <summary>Generic container.</summary>
                internal partial struct Holder<TKey>
                {
                    /// <summary>Nested network.</summary>
                    [Network(4, Loss = Loss.CategoricalCrossEntropy)]
                    [Dense(8, Activation.Relu)]
                    [Dense(3, Activation.Softmax)]
                    internal partial class Classifier { }
                }
            }
        }
        """);

    [Fact]
    public void DropoutAndLeakyReluAlpha() => VerifyNetwork("""
        using NetGen;
        namespace Regularised
        {
            /// <summary>Dropout between layers and non-default alphas.</summary>
            [Network(10)]
            [Dense(20, Activation.LeakyRelu, Alpha = 0.2f, Init = Init.He)]
            [Dropout(0.3f)]
            [Dense(12, Activation.Elu, Alpha = 0.5f)]
            [Dropout(0.1f)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Regularised { }
        }
        """);

    [Fact]
    public void GlobalNamespace() => VerifyNetwork("""
        using NetGen;
        /// <summary>No namespace at all.</summary>
        [Network(2, Loss = Loss.MeanSquaredError)]
        [Dense(4, Activation.Selu)]
        [Dense(1)]
        public partial class Xor { }
        """);

    /// <summary>
    /// No generated line runs past the limit, in every snapshot; only a literal of embedded weights
    /// (<c>case N: return "\uXXXX...";</c>) may, since it has nowhere to break.
    /// </summary>
    [Fact]
    public void NoSnapshotLineIsLongerThanTheLimit()
    {
        string thisFile = SourceFile();
        var weightsLiteral = new System.Text.RegularExpressions.Regex(@"^case \d+: return ""(\\u[0-9A-F]{4})*"";$");
        string[] snapshots = System.IO.Directory.GetFiles(System.IO.Path.GetDirectoryName(thisFile)!, "*.verified.cs");
        Assert.NotEmpty(snapshots);
        var tooLong = new System.Collections.Generic.List<string>();
        foreach (string snapshot in snapshots)
        {
            string[] lines = System.IO.File.ReadAllLines(snapshot);
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].Length > LineWrapper.MaxLength && !weightsLiteral.IsMatch(lines[i].Trim()))
                    tooLong.Add($"{System.IO.Path.GetFileName(snapshot)}:{i + 1} ({lines[i].Length} chars): {lines[i].Trim()}");
            }
        }

        Assert.True(tooLong.Count == 0, $"{tooLong.Count} lines over {LineWrapper.MaxLength} characters:\n" + string.Join("\n", tooLong));
    }

    private static string SourceFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    private void VerifyNetwork(string source, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        GeneratorRun run = DiagnosticAssert.ReportsNothing(source);
        Assert.Equal(GeneratorRun.FilesPerNetwork, run.GeneratedSources.Length);
        Snapshot.Verify(this, run.MainSource, test);
        Snapshot.Verify(this, run.SourceEndingIn(".Kernels"), test + ".Kernels");
        Snapshot.Verify(this, run.SourceEndingIn(".Batch"), test + ".Batch");
    }
}
