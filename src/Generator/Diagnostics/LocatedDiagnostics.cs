using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Helpers;

namespace NetGen.Generator.Diagnostics;

/// <summary>
/// One network's cached diagnostics together with the syntax trees they point into, so they can be reported at real
/// source locations.
/// </summary>
/// <remarks>
/// A location made with <c>Location.Create(path, span, lineSpan)</c> is an external-file location: the compiler cannot
/// find its syntax tree, so <c>#pragma warning disable</c> and per-file <c>.editorconfig</c> severities do not apply to
/// it. Reporting against the compilation's own tree gives a source location, filtered exactly like the compiler's own
/// warnings. Only this last reporting step holds trees, and only those of files that have diagnostics (the compilation
/// holds them anyway); the parse results and models stay plain data. Trees compare by reference: an edit to another file
/// leaves them the same objects, so the report step stays cached; an edit to the network's own file gives a new tree, and
/// the diagnostics are reported again against it.
/// </remarks>
internal readonly struct LocatedDiagnostics : IEquatable<LocatedDiagnostics>
{
    private LocatedDiagnostics(EquatableArray<DiagnosticInfo> diagnostics, ImmutableArray<SyntaxTree> trees)
    {
        Diagnostics = diagnostics;
        Trees = trees;
    }

    public EquatableArray<DiagnosticInfo> Diagnostics { get; }

    /// <summary>The compilation's trees for the paths that <see cref="Diagnostics"/> name, in the order first named.</summary>
    public ImmutableArray<SyntaxTree> Trees { get; }

    public static LocatedDiagnostics Find(EquatableArray<DiagnosticInfo> diagnostics, Compilation compilation)
    {
        if (diagnostics.Count == 0) return new LocatedDiagnostics(diagnostics, ImmutableArray<SyntaxTree>.Empty);
        ImmutableArray<SyntaxTree>.Builder trees = ImmutableArray.CreateBuilder<SyntaxTree>();
        foreach (string path in diagnostics.Select(d => d.Location?.FilePath).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            SyntaxTree? tree = compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == path);
            if (tree is not null) trees.Add(tree);
        }
        return new LocatedDiagnostics(diagnostics, trees.ToImmutable());
    }

    public Diagnostic ToDiagnostic(DiagnosticInfo info) =>
        Diagnostic.Create(info.Descriptor, Resolve(info.Location), info.MessageArgs.Select(a => (object)a).ToArray());

    private Location Resolve(LocationInfo? location)
    {
        if (location is null) return Location.None;
        foreach (SyntaxTree tree in Trees)
        {
            if (tree.FilePath == location.FilePath && location.TextSpan.End <= tree.Length)
                return Location.Create(tree, location.TextSpan);
        }

        // No such tree in this compilation (it cannot normally happen): keep the path and line, as before.
        return location.ToLocation();
    }

    public bool Equals(LocatedDiagnostics other)
    {
        if (!Diagnostics.Equals(other.Diagnostics) || Trees.Length != other.Trees.Length) return false;
        for (int i = 0; i < Trees.Length; i++)
        {
            if (!ReferenceEquals(Trees[i], other.Trees[i])) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is LocatedDiagnostics other && Equals(other);

    public override int GetHashCode() => Diagnostics.GetHashCode();
}
