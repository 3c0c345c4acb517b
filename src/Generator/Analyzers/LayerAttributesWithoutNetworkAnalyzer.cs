using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Analyzers;

/// <summary>
/// NG0021: <c>[Dense]</c>, <c>[Dropout]</c> or <c>[EmbeddedWeights]</c> on a class without <c>[Network]</c>. The generator
/// only ever sees classes that carry <c>[Network]</c>, so this mistake (a forgotten or deleted <c>[Network]</c>) needs
/// its own analyzer; otherwise the attributes are silently ignored.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LayerAttributesWithoutNetworkAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.LayerWithoutNetwork);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        AttributeData? first = null;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (NetGenAttributes.Is(attribute, NetGenAttributes.Network)) return;
            if (first is null && (NetGenAttributes.Is(attribute, NetGenAttributes.Dense)
                                  || NetGenAttributes.Is(attribute, NetGenAttributes.Dropout)
                                  || NetGenAttributes.Is(attribute, NetGenAttributes.EmbeddedWeights)))
                first = attribute;
        }

        if (first is null) return;
        Location location = first.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation()
                            ?? (type.Locations.IsEmpty ? Location.None : type.Locations[0]);
        string attributeName = first.AttributeClass!.Name;
        attributeName = attributeName.Substring(0, attributeName.Length - "Attribute".Length);
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.LayerWithoutNetwork, location, type.Name, attributeName));
    }
}
