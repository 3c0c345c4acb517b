using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Emit;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator;

/// <summary>
/// Generates the forward and backward passes of every class marked <c>[NetGen.Network]</c>.
/// </summary>
/// <remarks>
/// One transform builds an equatable <see cref="ParseResult"/>; it then splits into a diagnostics branch and an output
/// branch, so a change that only moves diagnostics does not re-emit source, and vice versa.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <summary>The generator's version, written into every generated file.</summary>
    public static readonly string Version =
        typeof(NetworkGenerator).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult> results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "NetGen.NetworkAttribute",
                predicate: static (node, _) => node is TypeDeclarationSyntax,
                transform: NetworkParser.Parse)
            .WithTrackingName(TrackingNames.Parse);

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = results
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(diagnostics, static (spc, infos) =>
        {
            foreach (DiagnosticInfo info in infos) spc.ReportDiagnostic(info.ToDiagnostic());
        });

        IncrementalValuesProvider<NetworkModel> models = results
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(TrackingNames.Model);

        context.RegisterSourceOutput(models, static (spc, model) =>
            spc.AddSource(NetworkEmitter.HintName(model), NetworkEmitter.Emit(model)));
    }
}
