using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Generator.Analyzers;
using Xunit;

namespace NetGen.Generator.Tests.Infrastructure;

/// <summary>One run of <see cref="NetworkGenerator"/> over a compilation, and what came out of it.</summary>
internal sealed class GeneratorRun
{
    private GeneratorRun(Compilation input, Compilation output, ImmutableArray<Diagnostic> driverDiagnostics, GeneratorDriverRunResult result, GeneratorDriver driver)
    {
        Input = input;
        Output = output;
        DriverDiagnostics = driverDiagnostics;
        Result = result;
        Driver = driver;
    }

    public Compilation Input { get; }

    /// <summary>The input plus the generated sources.</summary>
    public Compilation Output { get; }

    /// <summary>What the driver itself reported, CS8785 ("generator failed") among them.</summary>
    public ImmutableArray<Diagnostic> DriverDiagnostics { get; }

    public GeneratorDriverRunResult Result { get; }

    /// <summary>The driver after the run, holding its cache, for incremental re-runs.</summary>
    public GeneratorDriver Driver { get; }

    public GeneratorRunResult Generator => Result.Results.Single();

    public ImmutableArray<GeneratedSourceResult> GeneratedSources => Generator.GeneratedSources;

    /// <summary>Files the generator writes for each network: the public surface, the kernels, the batch kernels.</summary>
    public const int FilesPerNetwork = 3;

    /// <summary>The public-surface file (<c>Name.g.cs</c>) of the run's one network.</summary>
    public string MainSource => GeneratedSources
        .Single(s => !s.HintName.EndsWith(".Kernels.g.cs", System.StringComparison.Ordinal) && !s.HintName.EndsWith(".Batch.g.cs", System.StringComparison.Ordinal))
        .SourceText.ToString();

    /// <summary>The file of the run's one network whose hint name ends in <paramref name="suffix"/><c>.g.cs</c>.</summary>
    public string SourceEndingIn(string suffix) =>
        GeneratedSources.Single(s => s.HintName.EndsWith(suffix + ".g.cs", System.StringComparison.Ordinal)).SourceText.ToString();

    /// <summary>Every generated file's text, in hint-name order.</summary>
    public string AllSources => string.Join("\n", GeneratedSources.OrderBy(s => s.HintName, System.StringComparer.Ordinal).Select(s => s.SourceText.ToString()));

    public static GeneratorRun Run(Compilation compilation, bool trackSteps = false)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() },
            parseOptions: (CSharpParseOptions)compilation.SyntaxTrees.First().Options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));
        return RunWith(driver, compilation);
    }

    public static GeneratorRun Run(params string[] sources) => Run(TestCompilation.Create(sources));

    /// <summary>Runs an existing driver (and its cache) on another compilation.</summary>
    public static GeneratorRun RunWith(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new GeneratorRun(compilation, output, diagnostics, driver.GetRunResult(), driver);
    }

    /// <summary>NetGen's diagnostics from the generator and from its analyzers, in source order.</summary>
    public ImmutableArray<Diagnostic> NetGenDiagnostics()
    {
        ImmutableArray<Diagnostic> analyzerDiagnostics = Input
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new LayerAttributesWithoutNetworkAnalyzer()))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return Generator.Diagnostics.Concat(analyzerDiagnostics)
            .Where(d => d.Id.StartsWith("NG", System.StringComparison.Ordinal))
            .OrderBy(d => d.Location.GetLineSpan().Path).ThenBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id)
            .ToImmutableArray();
    }

    /// <summary>The generator did not crash: no exception in the run result and no CS8785 from the driver, nor NG0099.</summary>
    public void AssertNoCrash()
    {
        Assert.Null(Generator.Exception);
        Assert.DoesNotContain(DriverDiagnostics, d => d.Id == "CS8785");
        Assert.DoesNotContain(Generator.Diagnostics, d => d.Id == "CS8785" || d.Id == "NG0099");
    }

    /// <summary>The generated code compiles with no warnings at all, under the input's settings (C# 9, nullable, warning level 9999, doc comments checked).</summary>
    public void AssertOutputCompilesCleanly()
    {
        AssertNoCrash();
        Assert.NotEmpty(GeneratedSources);
        List<Diagnostic> problems = Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, "Generated code does not compile cleanly:\n" + string.Join("\n", problems));
    }
}
