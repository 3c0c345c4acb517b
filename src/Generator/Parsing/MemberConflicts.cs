using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Finds user members that would collide with what NetGen generates (docs/api.md section 2 and <c>INetwork</c>): a member
/// of the same name, or for methods the same name and parameter types, declared in the class or inherited from a base
/// class. Without this check the user sees compiler errors inside generated code, or a generated member silently hiding
/// theirs.
/// </summary>
internal static class MemberConflicts
{
    /// <summary>Prefix reserved for the generated code's private members.</summary>
    public const string ReservedPrefix = "__netgen";

    private const string Input = "System.ReadOnlySpan<float>";
    private const string Output = "System.Span<float>";

    // The typed overloads' parameters, as "modifier Name": the network's own nested struct of that name, passed by
    // reference. In, ref and out all clash with each other (overloads cannot differ only in which), and not with a
    // by-value parameter.
    public const string TypedInput = "in " + BufferStructNames.Input;
    public const string TypedOutput = "out " + BufferStructNames.Output;

    /// <summary>Generated members that are not methods: any member of the same name clashes. Input and Output are the nested buffer structs.</summary>
    public static readonly ImmutableHashSet<string> GeneratedNonMethods = ImmutableHashSet.Create(
        "InputSize", "OutputSize", "ParameterCount", "LayerCount", "Architecture", "Parameters", "Gradients", BufferStructNames.Input, BufferStructNames.Output);

    /// <summary>Generated methods and their parameter types: a method clashes only with the same signature, so user overloads stay legal.</summary>
    public static readonly ImmutableDictionary<string, ImmutableArray<ImmutableArray<string>>> GeneratedMethods =
        new Dictionary<string, ImmutableArray<ImmutableArray<string>>>
        {
            ["Forward"] = Signatures(new[] { Input, Output }, new[] { TypedInput, TypedOutput }),
            ["Classify"] = Signatures(new[] { Input }, new[] { TypedInput }),
            ["ForwardBatch"] = Signatures(new[] { Input, Output, "int" }),
            ["AccumulateGradients"] = Signatures(new[] { Input, Input }, new[] { Input, Input, Output }),
            ["AccumulateGradientsBatch"] = Signatures(new[] { Input, Input, "int" }, new[] { Input, Input, "int", Output, "ulong" }, new[] { Input, Input, "int", Output, "ulong", Output }),
            ["ZeroGradients"] = Signatures(Array.Empty<string>()),
            ["Summary"] = Signatures(Array.Empty<string>()),
        }.ToImmutableDictionary();

    /// <summary>Generated only for networks with <c>[EmbeddedWeights]</c>.</summary>
    private const string CreatePretrained = "CreatePretrained";

    /// <summary>The nested buffer structs: also names the network itself cannot have (CS0542, a member named like its type).</summary>
    private static readonly ImmutableArray<string> BufferStructs = ImmutableArray.Create(BufferStructNames.Input, BufferStructNames.Output);

    public static void Check(INamedTypeSymbol type, bool hasEmbeddedWeights, DiagnosticCollector diagnostics, CancellationToken cancellationToken)
    {
        if (BufferStructs.Contains(type.Name))
        {
            diagnostics.Report(DiagnosticDescriptors.MemberNameConflict, LocationInfo.From(type.Locations.FirstOrDefault(l => l.IsInSource)),
                type.Name, type.Name, type.Name);
        }

        foreach (ISymbol member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member.IsImplicitlyDeclared) continue;
            string? conflict = member is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
                ? ConstructorConflict(type.Name, constructor)
                : MemberConflict(member, type, hasEmbeddedWeights);
            if (conflict is not null) Report(type, member, conflict, diagnostics);
        }

        // Inherited members: a generated member of the same signature would hide them (CS0108/CS0114) or fail to
        // implement an abstract one. A base network is NG0022's business, and System.Object has none of these names.
        for (INamedTypeSymbol? baseType = type.BaseType; baseType is { SpecialType: not SpecialType.System_Object }; baseType = baseType.BaseType)
        {
            if (NetGenAttributes.HasNetworkAttribute(baseType)) break;
            foreach (ISymbol member in baseType.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (member.IsImplicitlyDeclared || member.DeclaredAccessibility == Accessibility.Private
                    || member is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor or MethodKind.Destructor })
                    continue;
                if (MemberConflict(member, type, hasEmbeddedWeights) is { } conflict) Report(type, member, conflict, diagnostics);
            }
        }
    }

    private static string? ConstructorConflict(string typeName, IMethodSymbol constructor)
    {
        if (constructor.IsStatic) return null;
        if (constructor.Parameters.Length == 0) return typeName + "()";
        if (constructor.Parameters.Length == 1 && constructor.Parameters[0].Type.SpecialType == SpecialType.System_Int32
            && constructor.Parameters[0].RefKind == RefKind.None)
            return typeName + "(int)";
        return null;
    }

    private static string? MemberConflict(ISymbol member, INamedTypeSymbol network, bool hasEmbeddedWeights)
    {
        string name = member.Name;
        if (name.StartsWith(ReservedPrefix, StringComparison.Ordinal) || GeneratedNonMethods.Contains(name)) return name;
        if (hasEmbeddedWeights && name == CreatePretrained) return name;
        if (!GeneratedMethods.TryGetValue(name, out ImmutableArray<ImmutableArray<string>> signatures)) return null;
        if (member is not IMethodSymbol method) return name;
        if (method.Arity != 0) return null;
        foreach (ImmutableArray<string> signature in signatures)
        {
            if (signature.Length == method.Parameters.Length
                && signature.Zip(method.Parameters, (expected, p) => Matches(expected, p, network)).All(same => same))
                return name + "(" + string.Join(", ", method.Parameters.Select(Describe)) + ")";
        }

        return null;
    }

    private static bool Matches(string expected, IParameterSymbol parameter, INamedTypeSymbol network)
    {
        int space = expected.IndexOf(' ');
        if (space < 0) return parameter.RefKind == RefKind.None && parameter.Type.ToDisplayString() == expected;
        // The generator sees the compilation without its output, where the user's `in Input` does not bind yet (an error
        // type); in a compilation that has the output it is the network's nested struct. A type of that name declared
        // elsewhere is another signature.
        return parameter.RefKind != RefKind.None
            && parameter.Type.Name == expected.Substring(space + 1)
            && (parameter.Type.TypeKind == TypeKind.Error
                || SymbolEqualityComparer.Default.Equals(parameter.Type.ContainingType?.OriginalDefinition, network.OriginalDefinition));
    }

    private static string Describe(IParameterSymbol parameter) => parameter.RefKind switch
    {
        RefKind.In => "in " + parameter.Type.Name,
        RefKind.Ref => "ref " + parameter.Type.Name,
        RefKind.Out => "out " + parameter.Type.Name,
        _ => parameter.Type.ToDisplayString(),
    };

    private static void Report(INamedTypeSymbol type, ISymbol member, string conflict, DiagnosticCollector diagnostics)
    {
        Location? location = member.Locations.FirstOrDefault(l => l.IsInSource);
        // An inherited member from metadata has no source location; the network's own name is the next best place.
        location ??= type.Locations.FirstOrDefault(l => l.IsInSource);
        diagnostics.Report(DiagnosticDescriptors.MemberNameConflict, LocationInfo.From(location), type.Name, conflict, member.ContainingType.Name);
    }

    private static ImmutableArray<ImmutableArray<string>> Signatures(params string[][] signatures) =>
        signatures.Select(s => s.ToImmutableArray()).ToImmutableArray();
}
