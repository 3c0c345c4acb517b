using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generator.Tests.Diagnostics;

/// <summary>
/// Generator diagnostics sit in the compilation's own syntax trees, which is what lets #pragma and per-file
/// .editorconfig severities apply to them (tests/NetGen.Package.Tests proves that in real builds), and reporting them so
/// stays incremental.
/// </summary>
public class SourceLocationTests
{
    private const string Warned = """
        using NetGen;
        /// <summary>Softmax over one unit.</summary>
        [Network(3)]
        [Dense(1, Activation.Softmax)]
        public partial class Net { }
        """;

    [Fact]
    public void GeneratorDiagnostics_AreInTheDeclaringSyntaxTree()
    {
        GeneratorRun run = GeneratorRun.Run(Warned);
        Diagnostic warning = run.Generator.Diagnostics.Single(d => d.Id == "NG0007");
        Assert.True(warning.Location.IsInSource);
        Assert.Same(run.Input.SyntaxTrees.Single(), warning.Location.SourceTree);
        Assert.Equal("[Dense(1, Activation.Softmax)]".Length - 2, warning.Location.SourceSpan.Length);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PragmaDisable_SuppressesAGeneratorWarning(bool underPragma)
    {
        string source = underPragma ? Warned.Replace("[Dense(1,", "#pragma warning disable NG0007\n[Dense(1,") : Warned;
        GeneratorRun run = GeneratorRun.Run(source);
        Diagnostic warning = run.Generator.Diagnostics.Single(d => d.Id == "NG0007");
        // The driver applies the compiler's filter (pragmas, editorconfig, NoWarn, warnings as errors) to generator
        // diagnostics; one under a pragma comes back marked IsSuppressed, and csc then does not print it.
        Assert.Equal(underPragma, warning.IsSuppressed);
    }

    [Fact]
    public void EditingAnotherFile_LeavesTheReportStepCached()
    {
        Compilation compilation = TestCompilation.Create(Warned);
        GeneratorRun first = GeneratorRun.Run(compilation, trackSteps: true);
        GeneratorRun second = GeneratorRun.RunWith(first.Driver, compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Other { }", TestCompilation.CSharp9, "Other.cs")));
        IncrementalStepRunReason[] located = second.Generator.TrackedSteps[TrackingNames.LocateDiagnostics].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        Assert.NotEmpty(located);
        Assert.All(located, r => Assert.Equal(IncrementalStepRunReason.Unchanged, r));
        Assert.All(second.Generator.TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Single(second.Generator.Diagnostics, d => d.Id == "NG0007");
    }
}
