using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generator.Tests.EmbeddedWeights;

/// <summary>Runs the generator over source plus AdditionalFiles (and optionally MSBuild's ProjectDir), as csc would.</summary>
internal static class EmbeddedWeightsRun
{
    public static GeneratorRun Run(Compilation compilation, IEnumerable<AdditionalText> files, string? projectDirectory = null, bool trackSteps = false)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() },
            files,
            (CSharpParseOptions)compilation.SyntaxTrees.First().Options,
            new OptionsProvider(projectDirectory),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));
        return GeneratorRun.RunWith(driver, compilation);
    }

    public static GeneratorRun Run(string source, params AdditionalText[] files) => Run(TestCompilation.Create(source), files);

    /// <summary>
    /// Asserts that exactly the marked NG diagnostics are reported, each an error at its marked span, with no crash,
    /// and returns them in marker order.
    /// </summary>
    public static IReadOnlyList<Diagnostic> AssertReports(string markup, params AdditionalText[] files)
    {
        Markup parsed = Markup.Parse(markup);
        CSharpCompilation compilation = TestCompilation.Create(parsed.Source);
        Assert.Empty(TestCompilation.Errors(compilation));
        GeneratorRun run = Run(compilation, files);
        run.AssertNoCrash();
        var actual = run.NetGenDiagnostics();
        var expected = parsed.Spans.Select(s => (s.Id, s.Span)).ToList();
        Assert.True(expected.SequenceEqual(actual.Select(d => (d.Id, d.Location.SourceSpan))),
            $"Expected: {string.Join(", ", expected)}\nActual: {string.Join(" | ", actual.Select(d => $"{d.Id} {d.Location.SourceSpan}: {d.GetMessage()}"))}");
        Assert.All(actual, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.All(actual, d => Assert.Equal("Source0.cs", d.Location.GetLineSpan().Path));
        return actual;
    }

    /// <summary>Emits the generator's output compilation and loads it into a collectible context.</summary>
    public static Assembly Load(GeneratorRun run)
    {
        using var stream = new MemoryStream();
        var result = run.Output.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        stream.Position = 0;
        return new AssemblyLoadContext("embedded-weights-test", isCollectible: true).LoadFromStream(stream);
    }

    private sealed class OptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global;

        public OptionsProvider(string? projectDirectory) =>
            _global = new Options(projectDirectory is null ? ImmutableDictionary<string, string>.Empty : ImmutableDictionary<string, string>.Empty.Add("build_property.ProjectDir", projectDirectory));

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;
    }

    private sealed class Options : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);
        private readonly ImmutableDictionary<string, string> _values;

        public Options(ImmutableDictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
    }
}
