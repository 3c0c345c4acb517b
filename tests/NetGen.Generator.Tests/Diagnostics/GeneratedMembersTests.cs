using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Parsing;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generator.Tests.Diagnostics;

/// <summary>
/// Ties <see cref="MemberConflicts"/>' hand-kept lists to what the emitters really write: a network is generated and
/// compiled, its generated members are read back from the compilation, and every name and signature NG0021 guards must
/// be exactly the set generated (a member added to the emitters without its entry, or an entry left behind, fails here).
/// </summary>
public class GeneratedMembersTests
{
    // Dropout, so the optional members (the dropout stream field) are generated too.
    private const string Source = """
        using NetGen;
        /// <summary>Every optional member: dropout, and large enough for the batched inference pass.</summary>
        [Network(48)]
        [Dense(16, Activation.Relu)]
        [Dropout(0.5f)]
        [Dense(3, Activation.Softmax)]
        public partial class Members { }
        """;

    [Fact]
    public void MemberConflictsListsExactlyTheGeneratedMembers()
    {
        GeneratorRun run = GeneratorRun.Run(Source);
        run.AssertOutputCompilesCleanly();
        ImmutableHashSet<SyntaxTree> generated = run.Output.SyntaxTrees.Except(run.Input.SyntaxTrees).ToImmutableHashSet();
        INamedTypeSymbol network = run.Output.GetTypeByMetadataName("Members")!;
        List<ISymbol> members = network.GetMembers()
            .Where(m => !m.IsImplicitlyDeclared && m.DeclaringSyntaxReferences.Any(r => generated.Contains(r.SyntaxTree)))
            .ToList();
        Assert.NotEmpty(members);

        var nonMethods = new SortedSet<string>(StringComparer.Ordinal);
        var methods = new SortedSet<string>(StringComparer.Ordinal);
        var constructors = new SortedSet<string>(StringComparer.Ordinal);
        foreach (ISymbol member in members)
        {
            if (member.Name.StartsWith(MemberConflicts.ReservedPrefix, StringComparison.Ordinal)) continue;
            Assert.False(member.DeclaredAccessibility == Accessibility.Private && !IsExplicitImplementation(member),
                $"private generated member '{member.Name}' does not use the reserved prefix {MemberConflicts.ReservedPrefix}");
            if (IsExplicitImplementation(member)) continue;
            switch (member)
            {
                case IMethodSymbol { MethodKind: MethodKind.Constructor } constructor:
                    constructors.Add(Signature("ctor", constructor));
                    break;
                case IMethodSymbol { MethodKind: MethodKind.Ordinary } method:
                    methods.Add(Signature(method.Name, method));
                    break;
                case IMethodSymbol:
                    break; // property accessors: their property is counted
                default:
                    nonMethods.Add(member.Name);
                    break;
            }
        }

        Assert.Equal(new SortedSet<string>(MemberConflicts.GeneratedNonMethods, StringComparer.Ordinal), nonMethods);
        var listed = new SortedSet<string>(
            MemberConflicts.GeneratedMethods.SelectMany(pair => pair.Value.Select(types => pair.Key + "(" + string.Join(", ", types) + ")")),
            StringComparer.Ordinal);
        Assert.Equal(listed, methods);
        // The two constructors NG0021 reports a user constructor for (MemberConflicts.ConstructorConflict).
        Assert.Equal(new SortedSet<string>(new[] { "ctor()", "ctor(int)" }, StringComparer.Ordinal), constructors);
    }

    private static bool IsExplicitImplementation(ISymbol member) => member switch
    {
        IPropertySymbol property => !property.ExplicitInterfaceImplementations.IsEmpty,
        IMethodSymbol method => !method.ExplicitInterfaceImplementations.IsEmpty,
        _ => false,
    };

    // A by-reference parameter is the network's own Input or Output struct, written as MemberConflicts lists it ("in Input").
    private static string Signature(string name, IMethodSymbol method) =>
        name + "(" + string.Join(", ", method.Parameters.Select(p => p.RefKind switch
        {
            RefKind.None => p.Type.ToDisplayString(),
            RefKind.In => "in " + p.Type.Name,
            RefKind.Out => "out " + p.Type.Name,
            _ => "ref " + p.Type.Name,
        })) + ")";
}
