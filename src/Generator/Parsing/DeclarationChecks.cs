using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Checks that the class carrying <c>[Network]</c> is one NetGen can add members to: partial, a plain instance class,
/// not generic, nested only in partial types, not derived from another network, and compiled as C# 9 or later.
/// </summary>
internal static class DeclarationChecks
{
    /// <summary>The oldest C# the generated code is written for (Unity 6 compiles C# 9).</summary>
    public const int MinimumLanguageVersion = 9;

    public static void Check(
        INamedTypeSymbol type, TypeDeclarationSyntax declaration, AttributeReader network, int languageVersion,
        DiagnosticCollector diagnostics, CancellationToken cancellationToken)
    {
        string name = type.Name;
        LocationInfo? identifier = LocationInfo.From(declaration.Identifier.GetLocation());

        // Only the declaration that carries [Network] is checked, so a class split over files is diagnosed once.
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            diagnostics.Report(DiagnosticDescriptors.NotPartial, identifier, name);

        if (KindProblem(type, declaration) is { } what)
            diagnostics.Report(DiagnosticDescriptors.NotAnInstanceClass, identifier, name, what);

        if (type.TypeParameters.Length > 0)
            diagnostics.Report(DiagnosticDescriptors.GenericNetwork, identifier, name);

        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (!IsPartial(outer, cancellationToken))
                diagnostics.Report(DiagnosticDescriptors.ContainingTypeNotPartial, IdentifierLocation(outer, cancellationToken) ?? identifier, name, outer.Name);
        }

        for (INamedTypeSymbol? baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            if (!NetGenAttributes.HasNetworkAttribute(baseType)) continue;
            diagnostics.Report(DiagnosticDescriptors.BaseClassIsNetwork, BaseTypeLocation(type, cancellationToken) ?? identifier, name, baseType.Name);
            break;
        }

        if (languageVersion < MinimumLanguageVersion)
            diagnostics.Report(DiagnosticDescriptors.LanguageVersionTooOld, network.Location ?? identifier, name, languageVersion);
    }

    /// <summary>The consumer's effective C# version as a number (9 for C# 9), so the emitter and the check above agree.</summary>
    public static int EffectiveLanguageVersion(SyntaxNode node) =>
        node.SyntaxTree.Options is CSharpParseOptions options
            ? (int)options.LanguageVersion.MapSpecifiedToEffectiveVersion() / 100
            : MinimumLanguageVersion;

    public static ContainingTypeModel[] ContainingTypes(INamedTypeSymbol type)
    {
        var containing = new List<ContainingTypeModel>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            containing.Insert(0, new ContainingTypeModel(TypeKeyword(outer), NameWithTypeParameters(outer)));
        return containing.ToArray();
    }

    private static string? KindProblem(INamedTypeSymbol type, TypeDeclarationSyntax declaration)
    {
        if (type.TypeKind != TypeKind.Class) return "a " + type.TypeKind.ToString().ToLowerInvariant() + ", not a class";
        if (type.IsRecord) return "a record";
        if (type.IsStatic) return "static";
        if (type.IsAbstract) return "abstract";

        // 'file' is a keyword only to compilers newer than the Roslyn NetGen builds against, so compare the text; a
        // generated partial part in another file can never join a file-local type.
        foreach (SyntaxToken modifier in declaration.Modifiers)
            if (modifier.Text == "file") return "file-local";
        return null;
    }

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax syntax && syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
                return true;
        }

        return false;
    }

    private static LocationInfo? IdentifierLocation(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            if (reference.GetSyntax(cancellationToken) is BaseTypeDeclarationSyntax syntax) return LocationInfo.From(syntax.Identifier.GetLocation());
        return null;
    }

    /// <summary>The base class as written in a base list (C# requires it first), on whichever partial declaration names it.</summary>
    private static LocationInfo? BaseTypeLocation(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        string baseName = type.BaseType?.Name ?? "";
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax { BaseList.Types: { Count: > 0 } types }) continue;
            TypeSyntax first = types[0].Type;
            if (RightmostIdentifier(first) == baseName) return LocationInfo.From(first);
        }

        return null;
    }

    private static string? RightmostIdentifier(TypeSyntax type) => type switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => null,
    };

    private static string TypeKeyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    private static string NameWithTypeParameters(INamedTypeSymbol type) =>
        type.TypeParameters.Length == 0
            ? Identifiers.Escape(type.Name)
            : Identifiers.Escape(type.Name) + "<" + string.Join(", ", type.TypeParameters.Select(p => Identifiers.Escape(p.Name))) + ">";
}
