using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Analyzers;
using NetGen.Generator.Diagnostics;
using Xunit;

namespace NetGen.Generator.Tests.Diagnostics;

/// <summary>
/// Keeps the descriptor catalogue, the release-tracking file and docs/diagnostics.md in step: every ID has a help link
/// whose anchor exists in the docs, a docs section stating its severity, and a matching row in AnalyzerReleases.
/// </summary>
public class CatalogueTests
{
    public static IEnumerable<object[]> Descriptors() =>
        typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => new object[] { ((DiagnosticDescriptor)f.GetValue(null)!).Id });

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void DocumentedWithAnchorSeverityAndExample(string id)
    {
        DiagnosticDescriptor descriptor = Find(id);
        Assert.Equal("docs/diagnostics.md#" + id.ToLowerInvariant(), descriptor.HelpLinkUri);

        // "## NG0001" is the heading whose GitHub anchor is "#ng0001"; the section runs to the next heading.
        string docs = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "diagnostics.md")).Replace("\r\n", "\n");
        Match section = Regex.Match(docs, $"^## {id}\n(.*?)(?=^## |\\z)", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(section.Success, $"docs/diagnostics.md has no '## {id}' section");
        string text = section.Groups[1].Value;
        Assert.Contains($"**{descriptor.Title}** ({descriptor.DefaultSeverity}", text);
        // Planned IDs have no behaviour to show yet, and an internal error has no declaration that should cause it.
        bool exampleExpected = !text.Contains("planned", StringComparison.Ordinal) && id != "NG0099";
        if (exampleExpected) Assert.Contains("```csharp", text);
        Assert.Contains($"[{id}](#{id.ToLowerInvariant()})", docs);
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void ListedInAnalyzerReleases(string id)
    {
        DiagnosticDescriptor descriptor = Find(id);
        string releases = File.ReadAllText(Path.Combine(RepoRoot(), "src", "Generator", "AnalyzerReleases.Unshipped.md"));
        Assert.Contains($"{id} | {descriptor.Category} | {descriptor.DefaultSeverity} | {descriptor.Title}", releases);
    }

    [Fact]
    public void IdsAreUniqueAndTheAnalyzerOwnsNG0021()
    {
        var ids = Descriptors().Select(d => (string)d[0]).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(new[] { "NG0021" }, new LayerAttributesWithoutNetworkAnalyzer().SupportedDiagnostics.Select(d => d.Id));
    }

    private static DiagnosticDescriptor Find(string id) =>
        typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetValue(null)).OfType<DiagnosticDescriptor>().Single(d => d.Id == id);

    private static string RepoRoot([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));
}
