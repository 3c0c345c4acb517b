using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator;

namespace NetGen.Playground.Tests;

/// <summary>
/// Compiles a declaration the Playground hands out with the NetGen generator, in memory, as a user's C# 9 project with
/// warnings as errors would, and creates the generated network. Shared with the browser test.
/// </summary>
public static class DeclarationCompiler
{
    /// <summary>Compiles <paramref name="declaration"/> and returns a new instance of <paramref name="className"/> seeded with <paramref name="seed"/>.</summary>
    /// <exception cref="InvalidOperationException">The text, or the code generated from it, does not compile cleanly; the message lists the diagnostics.</exception>
    public static INetwork CompileAndCreate(string declaration, string className, int seed)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp9);
        CSharpCompilation compilation = CSharpCompilation.Create(
            "PlaygroundDeclaration" + Guid.NewGuid().ToString("N"),
            new[] { CSharpSyntaxTree.ParseText(declaration, parseOptions, path: "Declaration.cs") },
            Net80.References.All.Cast<MetadataReference>().Append(MetadataReference.CreateFromFile(typeof(INetwork).Assembly.Location)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
                .WithNullableContextOptions(NullableContextOptions.Enable)
                .WithGeneralDiagnosticOption(ReportDiagnostic.Error));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new NetworkGenerator().AsSourceGenerator() }, parseOptions: parseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out var generatorDiagnostics);
        var problems = generatorDiagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (problems.Count > 0) throw new InvalidOperationException("The declaration does not compile cleanly:\n" + string.Join("\n", problems));

        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        if (!emitted.Success) throw new InvalidOperationException("Emit failed:\n" + string.Join("\n", emitted.Diagnostics));
        Assembly assembly = Assembly.Load(image.ToArray());
        Type type = assembly.GetType(className) ?? throw new InvalidOperationException($"The compiled declaration has no class {className}.");
        return (INetwork)Activator.CreateInstance(type, seed)!;
    }
}
