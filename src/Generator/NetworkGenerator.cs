using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
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
                NetGenAttributes.NetworkMetadataName,
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

        context.RegisterSourceOutput(models, static (spc, model) => EmitSource(spc, model));
    }

    /// <summary>
    /// Emits one network. An exception escaping a generator discards every network's output (CS8785), so an emitter bug
    /// is contained to its own network and reported as NG0099 instead.
    /// </summary>
    private static void EmitSource(SourceProductionContext context, NetworkModel model)
    {
        string source;
        try
        {
            source = NetworkEmitter.Emit(model);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.InternalError, Location.None, model.FullName, exception.GetType().Name + ": " + exception.Message));
            return;
        }

        context.AddSource(NetworkEmitter.HintName(model), source);
    }
}
