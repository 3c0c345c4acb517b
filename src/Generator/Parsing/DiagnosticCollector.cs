using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Helpers;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Gathers one network's diagnostics and remembers whether any of them is an error: an error means the declaration
/// cannot make a sound network, so no model (and no source) is produced. Deriving soundness from the descriptor's
/// severity keeps the two from drifting apart.
/// </summary>
internal sealed class DiagnosticCollector
{
    private readonly List<DiagnosticInfo> _diagnostics = new();

    /// <summary>False once an error was reported or the declaration turned out unreadable.</summary>
    public bool IsSound { get; private set; } = true;

    public void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params object?[] args)
    {
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, args));
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error) IsSound = false;
    }

    /// <summary>
    /// Marks the declaration unsound without a NetGen diagnostic, for input the compiler already rejects (a missing or
    /// mistyped argument): reporting it again would only add noise.
    /// </summary>
    public void MarkUnreadable() => IsSound = false;

    public EquatableArray<DiagnosticInfo> ToEquatableArray() => _diagnostics.ToEquatableArray();
}
