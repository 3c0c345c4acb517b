using System.Collections.Immutable;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generator.Tests.Infrastructure;

/// <summary>
/// In-memory compilations set up like a Unity user's project: C# 9, nullable enabled, every warning on, documentation
/// comments checked, referencing .NET 8 and the built NetGen.Runtime.
/// </summary>
internal static class TestCompilation
{
    public static readonly CSharpParseOptions CSharp9 = new(LanguageVersion.CSharp9, DocumentationMode.Diagnose);

    private static readonly ImmutableArray<MetadataReference> References = Net80.References.All
        .Cast<MetadataReference>()
        .Append(MetadataReference.CreateFromFile(typeof(INetwork).Assembly.Location))
        .ToImmutableArray();

    private static readonly CSharpCompilationOptions Options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
        .WithNullableContextOptions(NullableContextOptions.Enable)
        // 9999 is "all warnings, including waves added after C# 9", as the .NET SDK's latest analysis level enables.
        .WithWarningLevel(9999);

    /// <summary>Sources named Source0.cs, Source1.cs, ... in that order.</summary>
    public static CSharpCompilation Create(params string[] sources) => Create(CSharp9, sources);

    public static CSharpCompilation Create(CSharpParseOptions parseOptions, params string[] sources) =>
        CSharpCompilation.Create(
            "NetGenTestAssembly",
            sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, parseOptions, path: $"Source{i}.cs")),
            References,
            Options);

    /// <summary>Errors in the sources themselves, so a test can tell its own typo from the behaviour under test.</summary>
    public static ImmutableArray<Diagnostic> Errors(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
}
