using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Emit;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Weights;

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

        // Reported against the compilation's syntax trees, so #pragma and .editorconfig apply (see LocatedDiagnostics).
        context.RegisterSourceOutput(Locate(diagnostics, context), ReportDiagnostics);

        IncrementalValuesProvider<BoundNetwork> bound = results
            .Combine(EmbeddedWeightsFiles(context, results))
            .Select(static (pair, _) => EmbeddedWeightsBinder.Bind(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.WeightsBind);

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> weightsDiagnostics = bound
            .Select(static (network, _) => network.Diagnostics)
            .WithTrackingName(TrackingNames.WeightsDiagnostics);

        context.RegisterSourceOutput(Locate(weightsDiagnostics, context), ReportDiagnostics);

        // Diagnostics are dropped here so that a weights error moving with its attribute does not re-emit the network.
        IncrementalValuesProvider<BoundNetwork> models = bound
            .Where(static network => network.Model is not null)
            .Select(static (network, _) => network with { Diagnostics = EquatableArray<DiagnosticInfo>.Empty })
            .WithTrackingName(TrackingNames.Model);

        // Two declarations of one full name (a class declared twice, or [Network] on two parts of a partial class) are
        // compile errors, but half-typed code has them all the time; emitting both would add the same hint name twice,
        // which throws. The first of each name is emitted; the compiler reports the duplicate declaration itself.
        // Collect-then-SelectMany keeps per-network caching: unchanged items compare equal and their output is reused.
        models = models
            .Collect()
            .SelectMany(static (all, _) => FirstOfEachName(all))
            .WithTrackingName(TrackingNames.DistinctModel);

        // Hint names must be unique ignoring case, but C# names are case-sensitive: classes Net and NET may both be
        // networks. The few colliding names get a hash suffix. The set is almost always empty and compares by value, so
        // an edit to one network does not re-emit the others.
        IncrementalValueProvider<EquatableArray<string>> collidingHintNames = models
            .Select(static (network, _) => BaseHintName(network.Model!))
            .Collect()
            .Select(static (hintNames, _) => hintNames
                .GroupBy(h => h, StringComparer.OrdinalIgnoreCase)
                .Where(g => g.Count() > 1)
                .Select(g => g.Key.ToUpperInvariant())
                .OrderBy(h => h, StringComparer.Ordinal)
                .ToEquatableArray())
            .WithTrackingName(TrackingNames.HintNameCollisions);

        context.RegisterSourceOutput(models.Combine(collidingHintNames), static (spc, pair) => EmitSource(spc, pair.Left, pair.Right));
    }

    private static IncrementalValuesProvider<LocatedDiagnostics> Locate(
        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics, IncrementalGeneratorInitializationContext context) =>
        diagnostics
            .Combine(context.CompilationProvider)
            .Select(static (pair, _) => LocatedDiagnostics.Find(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.LocateDiagnostics);

    private static void ReportDiagnostics(SourceProductionContext context, LocatedDiagnostics located)
    {
        foreach (DiagnosticInfo info in located.Diagnostics) context.ReportDiagnostic(located.ToDiagnostic(info));
    }

    /// <summary>
    /// Emits one network. An exception escaping a generator discards every network's output (CS8785), so an emitter bug
    /// is contained to its own network and reported as NG0099 instead.
    /// </summary>
    private static void EmitSource(SourceProductionContext context, BoundNetwork network, EquatableArray<string> collidingHintNames)
    {
        NetworkModel model = network.Model!;
        try
        {
            // Built in full before any is added, so an emitter bug leaves none of the network's files half-written.
            IReadOnlyList<GeneratedFile> files = NetworkEmitter.Emit(model, network.Pretrained);
            string hintName = HintName(model, collidingHintNames);
            foreach (GeneratedFile file in files) context.AddSource(WithSuffix(hintName, file.Suffix), file.Source);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.InternalError, Location.None, model.FullName, exception.GetType().Name + ": " + exception.Message));
        }
    }

    /// <summary>
    /// The weights files that <c>[EmbeddedWeights]</c> attributes name, each read and parsed in its own step. That step
    /// is keyed on the AdditionalText and on the requested paths, so C# edits leave it cached and only a changed file
    /// (a new AdditionalText) or a changed attribute path reads a file again.
    /// </summary>
    private static IncrementalValueProvider<ImmutableArray<WeightsFile>> EmbeddedWeightsFiles(
        IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<ParseResult> results)
    {
        IncrementalValueProvider<string?> projectDirectory = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue("build_property.ProjectDir", out string? directory) ? directory : null);

        IncrementalValueProvider<WeightsRequests> requests = results
            .Select(static (result, _) => result.Model?.EmbeddedWeightsPath)
            .Collect()
            .Combine(projectDirectory)
            .Select(static (pair, _) => new WeightsRequests(
                pair.Right,
                pair.Left.OfType<string>().Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToEquatableArray()))
            .WithTrackingName(TrackingNames.WeightsRequests);

        return context.AdditionalTextsProvider
            .Combine(requests)
            .Select(static (pair, cancellationToken) => WeightsFileReader.ReadIfRequested(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.WeightsRead)
            .Where(static file => file is not null)
            .Select(static (file, _) => file!)
            .Collect();
    }

    private static IEnumerable<BoundNetwork> FirstOfEachName(ImmutableArray<BoundNetwork> networks)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (BoundNetwork network in networks)
            if (seen.Add(Identity(network.Model!))) yield return network;
    }

    /// <summary>Where each part of the name comes from: namespace A.B with class C and namespace A with class B.C differ.</summary>
    private static string Identity(NetworkModel model) =>
        model.Namespace + "|" + string.Join("+", model.ContainingTypes.Select(t => t.NameWithTypeParameters)) + "|" + model.TypeName;

    /// <summary><c>Name.g.cs</c> as <c>Name{suffix}.g.cs</c>: the network's other files sort beside its main one.</summary>
    private static string WithSuffix(string hintName, string suffix)
    {
        const string extension = ".g.cs";
        return hintName.Substring(0, hintName.Length - extension.Length) + suffix + extension;
    }

    /// <summary>The emitter's hint name without the '@' of escaped keywords, which Roslyn does not allow in hint names (<c>@class</c> and <c>class</c> are one identifier anyway).</summary>
    private static string BaseHintName(NetworkModel model) => NetworkEmitter.HintName(model).Replace("@", "");

    private static string HintName(NetworkModel model, EquatableArray<string> collidingHintNames)
    {
        string hintName = BaseHintName(model);
        if (!collidingHintNames.AsImmutableArray().Contains(hintName.ToUpperInvariant())) return hintName;

        // The hash covers where each part of the name comes from, so namespace A.B with class C and namespace A with
        // class B.C (a compile error, but one the generator still runs on) differ too.
        string identity = Identity(model);
        const string extension = ".g.cs";
        string stem = hintName.EndsWith(extension, StringComparison.Ordinal) ? hintName.Substring(0, hintName.Length - extension.Length) : hintName;
        return stem + "." + StableHash.Hex8(identity) + extension;
    }
}
