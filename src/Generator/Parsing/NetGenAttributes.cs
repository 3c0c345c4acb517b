using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Parsing;

/// <summary>Recognises NetGen's declaration attributes by symbol, so aliases and qualified names work and look-alikes in other namespaces do not.</summary>
internal static class NetGenAttributes
{
    public const string NetworkMetadataName = "NetGen.NetworkAttribute";
    public const string Network = "NetworkAttribute";
    public const string Dense = "DenseAttribute";
    public const string Dropout = "DropoutAttribute";
    public const string EmbeddedWeights = "EmbeddedWeightsAttribute";

    public static bool Is(AttributeData attribute, string name) =>
        attribute.AttributeClass is { } c && c.Name == name
        && c.ContainingNamespace is { Name: "NetGen", ContainingNamespace.IsGlobalNamespace: true };

    public static bool HasNetworkAttribute(INamedTypeSymbol type)
    {
        foreach (AttributeData attribute in type.GetAttributes())
            if (Is(attribute, Network)) return true;
        return false;
    }
}
