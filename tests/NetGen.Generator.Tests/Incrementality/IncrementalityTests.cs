using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generator.Tests.Incrementality;

/// <summary>
/// The generator runs on every keystroke in the IDE, so edits that do not change a network must not re-emit it. These
/// tests run the driver twice with step tracking on, and check which steps re-ran and what their outputs hold.
/// </summary>
public class IncrementalityTests
{
    private const string Network = """
        using NetGen;
        namespace Game
        {
            /// <summary>A network with a method body to edit.</summary>
            [Network(16)]
            [Dense(32, Activation.Tanh)]
            [Dropout(0.1f)]
            [Dense(4)]
            public partial class Controller
            {
                /// <summary>User code inside the network class.</summary>
                public int Helper() { return 1; }
            }
        }
        """;

    private static readonly string[] OurSteps =
    {
        TrackingNames.Parse, TrackingNames.Diagnostics, TrackingNames.Model, TrackingNames.HintNameCollisions,
    };

    [Fact]
    public void AddingAnUnrelatedFile_LeavesModelAndOutputCached()
    {
        (GeneratorRun first, GeneratorRun second) = RunTwice(Network, c => c.AddSyntaxTrees(Parse("public class Unrelated { public int X; }", "Other.cs")));
        AssertModelUnchangedAndOutputCached(second);
        Assert.Equal(Source(first), Source(second));
    }

    [Fact]
    public void EditingAMethodBodyInsideTheNetworkClass_LeavesModelAndOutputCached()
    {
        (GeneratorRun first, GeneratorRun second) = RunTwice(Network, c => Edit(c, "return 1;", "return 2 + 40;"));
        // The edit is inside the [Network] class, so the parse step must re-run; its result must compare equal.
        Assert.Contains(Reasons(second, TrackingNames.Parse), r => r == IncrementalStepRunReason.Unchanged);
        AssertModelUnchangedAndOutputCached(second);
        Assert.Equal(Source(first), Source(second));
    }

    private const string UnrelatedFile = """
        namespace Game
        {
            /// <summary>User code in another file.</summary>
            public static class Scoring
            {
                /// <summary>A method body to type in.</summary>
                public static int Score(int hits) { return hits * 10; }
            }
        }
        """;

    // Typing in another file is the common IDE case: every keystroke makes a new compilation with that tree replaced.
    [Theory]
    [InlineData("return hits * 10;", "return hits * 10 + 1;")]                                       // a method body
    [InlineData("public static int Score", "public static int Bonus() { return 5; }\n        public static int Score")]   // a new member
    [InlineData("return hits * 10;", "return hits *")]                                                // an incomplete keystroke
    public void EditingAnUnrelatedFile_LeavesParseModelAndOutputCached(string find, string replace)
    {
        Compilation compilation = TestCompilation.Create(Network, UnrelatedFile);
        GeneratorRun first = GeneratorRun.Run(compilation, trackSteps: true);
        first.AssertNoCrash();
        GeneratorRun second = GeneratorRun.RunWith(first.Driver, Edit(compilation, find, replace));
        second.AssertNoCrash();

        // Roslyn re-runs the attribute transform (the parse step) whenever the compilation changes, since its semantic
        // model is new; its result must compare equal, so nothing after it re-runs and no source is emitted again.
        IncrementalStepRunReason[] parse = Reasons(second, TrackingNames.Parse);
        Assert.NotEmpty(parse);
        Assert.All(parse, r => Assert.Contains(r, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        AssertModelUnchangedAndOutputCached(second);
        Assert.Equal(Source(first), Source(second));
    }

    [Fact]
    public void EditingADenseArgument_ChangesModelAndOutput()
    {
        (GeneratorRun first, GeneratorRun second) = RunTwice(Network, c => Edit(c, "[Dense(4)]", "[Dense(5)]"));
        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Reasons(second, TrackingNames.Model));
        Assert.Contains(OutputReasons(second), r => r == IncrementalStepRunReason.Modified);
        Assert.NotEqual(Source(first), Source(second));
        Assert.Contains("OutputSize = 5", Source(second));
    }

    [Fact]
    public void MovingAWarningOnly_ReReportsDiagnosticsButKeepsTheModel()
    {
        // NG0007 is a warning: the network still generates. Shifting the class down a line moves the warning, so the
        // diagnostics branch must update while the model, which holds no locations, stays as it was.
        const string warned = """
            using NetGen;
            /// <summary>Softmax over one unit.</summary>
            [Network(3)]
            [Dense(1, Activation.Softmax)]
            public partial class Net { }
            """;
        (GeneratorRun _, GeneratorRun second) = RunTwice(warned, c => Edit(c, "using NetGen;", "using NetGen;\n"));
        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Reasons(second, TrackingNames.Diagnostics));
        Assert.All(Reasons(second, TrackingNames.Model), r => Assert.Contains(r, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.Equal(4, second.Generator.Diagnostics.Single(d => d.Id == "NG0007").Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void StepOutputsHoldNoCompilationSymbolSyntaxOrLocation()
    {
        // A network that reports diagnostics too, so DiagnosticInfo values are walked as well as models.
        const string warned = """
            using NetGen;
            namespace A { public partial class Outer { [Network(3)] [Dense(4, Activation.Relu, Alpha = 0.5f)] [Dense(1, Activation.Softmax)] public partial class Net { } } }
            """;
        foreach (string source in new[] { Network, warned })
        {
            (GeneratorRun first, GeneratorRun second) = RunTwice(source, c => Edit(c, "partial class", "partial  class"));
            foreach (GeneratorRun run in new[] { first, second })
            {
                var problems = new List<string>();
                int walked = 0;
                foreach (string step in OurSteps)
                {
                    foreach (IncrementalGeneratorRunStep runStep in run.Generator.TrackedSteps[step])
                    {
                        foreach ((object value, IncrementalStepRunReason _) in runStep.Outputs)
                        {
                            walked++;
                            problems.AddRange(PipelineValueWalker.FindForbidden(value, step));
                        }
                    }
                }

                Assert.True(walked >= OurSteps.Length, $"only {walked} step outputs walked");
                Assert.Empty(problems);
            }
        }
    }

    [Fact]
    public void TheWalkerFindsForbiddenValues()
    {
        // The walker must be able to fail: a record holding a Location inside a tuple inside an array.
        var tree = Parse("class C { }", "C.cs");
        var value = new[] { (1, new Holder(tree.GetRoot().GetLocation())) };
        Assert.Equal(new[] { "root[0].Item2.<Location>k__BackingField: Microsoft.CodeAnalysis.SourceLocation" }, PipelineValueWalker.FindForbidden(value, "root"));
    }

    private sealed record Holder(Location Location);

    private static (GeneratorRun First, GeneratorRun Second) RunTwice(string source, System.Func<Compilation, Compilation> edit)
    {
        Compilation compilation = TestCompilation.Create(source);
        GeneratorRun first = GeneratorRun.Run(compilation, trackSteps: true);
        first.AssertNoCrash();
        Assert.Equal(GeneratorRun.FilesPerNetwork, first.GeneratedSources.Length);
        GeneratorRun second = GeneratorRun.RunWith(first.Driver, edit(compilation.Clone()));
        second.AssertNoCrash();
        return (first, second);
    }

    private static void AssertModelUnchangedAndOutputCached(GeneratorRun run)
    {
        IncrementalStepRunReason[] model = Reasons(run, TrackingNames.Model);
        Assert.NotEmpty(model);
        Assert.All(model, r => Assert.Contains(r, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        IncrementalStepRunReason[] outputs = OutputReasons(run);
        Assert.NotEmpty(outputs);
        Assert.All(outputs, r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorRun run, string step) =>
        run.Generator.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();

    private static IncrementalStepRunReason[] OutputReasons(GeneratorRun run) =>
        run.Generator.TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();

    private static string Source(GeneratorRun run) => run.AllSources;

    private static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, TestCompilation.CSharp9, path);

    /// <summary>Replaces <paramref name="find"/> in the one tree that contains it.</summary>
    private static Compilation Edit(Compilation compilation, string find, string replace)
    {
        SyntaxTree tree = compilation.SyntaxTrees.Single(t => t.ToString().Contains(find, System.StringComparison.Ordinal));
        string text = tree.ToString();
        Assert.Contains(find, text);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text.Replace(find, replace))));
    }
}
