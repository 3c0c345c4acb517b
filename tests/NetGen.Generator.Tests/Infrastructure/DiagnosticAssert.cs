using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace NetGen.Generator.Tests.Infrastructure;

/// <summary>Runs the generator and NetGen's analyzers on marked-up source and checks the diagnostics against the markers.</summary>
internal static class DiagnosticAssert
{
    /// <summary>
    /// Asserts that NetGen reports exactly the marked diagnostics: each ID at exactly its marked span and with the
    /// severity given for it, nothing else, and no crash. Unless <paramref name="compilerErrorsExpected"/>, the source
    /// itself must compile, so a typo in a test cannot pass for the behaviour under test.
    /// </summary>
    /// <returns>The diagnostics in marker order, for assertions on their messages.</returns>
    public static IReadOnlyList<Diagnostic> Reports(string markup, IReadOnlyDictionary<string, DiagnosticSeverity> severities, bool compilerErrorsExpected = false, CSharpParseOptions? parseOptions = null)
    {
        Markup parsed = Markup.Parse(markup);
        CSharpCompilation compilation = TestCompilation.Create(parseOptions ?? TestCompilation.CSharp9, parsed.Source);
        if (!compilerErrorsExpected) Assert.Empty(TestCompilation.Errors(compilation));

        GeneratorRun run = GeneratorRun.Run(compilation);
        run.AssertNoCrash();
        ImmutableArray<Diagnostic> actual = run.NetGenDiagnostics();

        string Describe(IEnumerable<(string Id, int Start, int End)> items) =>
            string.Join(", ", items.Select(d => $"{d.Id} at [{d.Start}..{d.End}) '{parsed.Source.Substring(d.Start, d.End - d.Start)}'"));
        var expectedKeys = parsed.Spans.Select(s => (s.Id, s.Span.Start, s.Span.End)).OrderBy(k => k.Start).ThenBy(k => k.Id).ToList();
        var actualKeys = actual.Select(d => (d.Id, d.Location.SourceSpan.Start, d.Location.SourceSpan.End)).ToList();
        Assert.True(expectedKeys.SequenceEqual(actualKeys),
            $"Expected: {Describe(expectedKeys)}\nActual:   {Describe(actualKeys)}\nMessages: {string.Join(" | ", actual.Select(d => d.GetMessage()))}");

        foreach (Diagnostic diagnostic in actual)
        {
            Assert.Equal(severities[diagnostic.Id], diagnostic.Severity);
            Assert.Equal("Source0.cs", diagnostic.Location.GetLineSpan().Path);
        }

        return parsed.Spans.Select(s => actual.First(d => d.Id == s.Id && d.Location.SourceSpan == s.Span)).ToList();
    }

    /// <summary>The common case: one marked diagnostic of the given ID and severity.</summary>
    public static Diagnostic ReportsSingle(string markup, string id, DiagnosticSeverity severity, bool compilerErrorsExpected = false, CSharpParseOptions? parseOptions = null)
    {
        IReadOnlyList<Diagnostic> diagnostics = Reports(markup, new Dictionary<string, DiagnosticSeverity> { [id] = severity }, compilerErrorsExpected, parseOptions);
        return Assert.Single(diagnostics);
    }

    /// <summary>A valid declaration: no NetGen diagnostic at all, and the generated code compiles with no warnings.</summary>
    public static GeneratorRun ReportsNothing(params string[] sources)
    {
        CSharpCompilation compilation = TestCompilation.Create(sources);
        Assert.Empty(TestCompilation.Errors(compilation));
        GeneratorRun run = GeneratorRun.Run(compilation);
        Assert.Empty(run.NetGenDiagnostics());
        run.AssertOutputCompilesCleanly();
        return run;
    }
}
