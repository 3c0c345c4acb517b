using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generator.Helpers;

/// <summary>Names as they must be written back into C# source: a type called <c>@class</c> is written <c>@class</c>, not <c>class</c>.</summary>
internal static class Identifiers
{
    /// <summary>Namespaces written fully qualified with keyword parts escaped, for example <c>A.@event</c>.</summary>
    private static readonly SymbolDisplayFormat NamespaceFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    public static string Namespace(INamespaceSymbol ns) => ns.ToDisplayString(NamespaceFormat);
}
