using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator;
using Xunit;

namespace NetGen.CodeFixes.Tests;

/// <summary>
/// Puts one source file in an AdhocWorkspace (C# 9, .NET 8 and NetGen.Runtime referenced), runs the real generator to
/// get its diagnostics, applies a code fix's action through the same operations an IDE applies (so simplification
/// and formatting run), and checks the result.
/// </summary>
internal static class CodeFixHarness
{
    private static readonly CSharpParseOptions CSharp9 = new(LanguageVersion.CSharp9);

    private static readonly ImmutableArray<MetadataReference> References = Net80.References.All
        .Cast<MetadataReference>()
        .Append(MetadataReference.CreateFromFile(typeof(INetwork).Assembly.Location))
        .ToImmutableArray();

    /// <summary>
    /// Applies the action titled <paramref name="title"/> that <paramref name="provider"/> offers for the one
    /// <paramref name="id"/> diagnostic in <paramref name="before"/>, and asserts the text after it verbatim, that the
    /// diagnostic is gone and that the fixed source (with what NetGen generates for it) compiles without errors.
    /// </summary>
    public static void AssertFix(CodeFixProvider provider, string id, string before, string title, string after)
    {
        Assert.Contains(id, provider.FixableDiagnosticIds);
        using var workspace = new AdhocWorkspace();
        Document document = CreateDocument(workspace, before);
        Diagnostic diagnostic = Assert.Single(GeneratorDiagnostics(document), d => d.Id == id);

        List<CodeAction> actions = Actions(provider, document, diagnostic);
        CodeAction action = Assert.Single(actions, a => a.Title == title);
        Document fixedDocument = Apply(action, document);

        Assert.Equal(Normalize(after), Normalize(fixedDocument.GetTextAsync().Result.ToString()));
        ImmutableArray<Diagnostic> remaining = GeneratorDiagnostics(fixedDocument, out Compilation output);
        Assert.DoesNotContain(remaining, d => d.Id == id);
        Assert.DoesNotContain(remaining, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    /// <summary>The titles of the actions <paramref name="provider"/> offers for the one <paramref name="id"/> diagnostic in <paramref name="source"/>.</summary>
    public static string[] Titles(CodeFixProvider provider, string id, string source)
    {
        using var workspace = new AdhocWorkspace();
        Document document = CreateDocument(workspace, source);
        Diagnostic diagnostic = Assert.Single(GeneratorDiagnostics(document), d => d.Id == id);
        return Actions(provider, document, diagnostic).Select(a => a.Title).ToArray();
    }

    private static Document CreateDocument(AdhocWorkspace workspace, string source)
    {
        ProjectInfo project = ProjectInfo.Create(
                ProjectId.CreateNewId(), VersionStamp.Default, "Consumer", "Consumer", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: CSharp9,
                metadataReferences: References);
        Solution solution = workspace.CurrentSolution.AddProject(project);
        DocumentId documentId = DocumentId.CreateNewId(project.Id);
        solution = solution.AddDocument(documentId, "Networks.cs", SourceText.From(source), filePath: "/src/Networks.cs");
        Assert.True(workspace.TryApplyChanges(solution));
        return workspace.CurrentSolution.GetDocument(documentId)!;
    }

    private static ImmutableArray<Diagnostic> GeneratorDiagnostics(Document document) => GeneratorDiagnostics(document, out _);

    private static ImmutableArray<Diagnostic> GeneratorDiagnostics(Document document, out Compilation output)
    {
        Compilation compilation = document.Project.GetCompilationAsync().Result!;
        Assert.Empty(compilation.GetParseDiagnostics());
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() }, parseOptions: CSharp9);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out output, out ImmutableArray<Diagnostic> driverDiagnostics);
        Assert.DoesNotContain(driverDiagnostics, d => d.Id == "CS8785");
        return driver.GetRunResult().Diagnostics;
    }

    private static List<CodeAction> Actions(CodeFixProvider provider, Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        provider.RegisterCodeFixesAsync(context).Wait();
        return actions;
    }

    private static Document Apply(CodeAction action, Document document)
    {
        ImmutableArray<CodeActionOperation> operations = action.GetOperationsAsync(CancellationToken.None).Result;
        Solution changed = Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
        return changed.GetDocument(document.Id)!;
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
