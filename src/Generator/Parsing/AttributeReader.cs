using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Helpers;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Reads one applied NetGen attribute: its constant arguments, tolerating the missing and mistyped ones of half-typed
/// code, and the source location of each argument, so a diagnostic can point at the <c>0</c> in <c>[Dense(0)]</c>
/// rather than at the whole attribute.
/// </summary>
internal readonly struct AttributeReader
{
    public AttributeReader(AttributeData data, AttributeSyntax? syntax)
    {
        Data = data;
        Syntax = syntax;
    }

    public AttributeData Data { get; }

    public AttributeSyntax? Syntax { get; }

    public LocationInfo? Location => LocationInfo.From(Syntax);

    /// <summary>Reads constructor argument <paramref name="index"/> as an int (enums arrive as their underlying int).</summary>
    public bool TryGetInt(int index, out int value) => TryGetConstructorValue(index, out value);

    public bool TryGetFloat(int index, out float value) => TryGetConstructorValue(index, out value);

    /// <summary>
    /// Reads named argument <paramref name="name"/>. Returns <see cref="ArgumentState.Absent"/> when it is not written,
    /// <see cref="ArgumentState.Unreadable"/> when it is written but the compiler could not make a <typeparamref name="T"/> of it.
    /// </summary>
    public ArgumentState TryGetNamed<T>(string name, out T value)
    {
        value = default!;
        foreach (KeyValuePair<string, TypedConstant> pair in Data.NamedArguments)
        {
            if (pair.Key != name) continue;
            if (pair.Value.Kind == TypedConstantKind.Error || pair.Value.Value is not T v) return ArgumentState.Unreadable;
            value = v;
            return ArgumentState.Present;
        }

        return ArgumentState.Absent;
    }

    /// <summary>
    /// The location of the argument bound to constructor parameter <paramref name="position"/> (named
    /// <paramref name="parameterName"/>), whether written positionally or as <c>name: value</c>; the whole attribute
    /// when the argument is not written (a defaulted optional parameter).
    /// </summary>
    public LocationInfo? ArgumentLocation(int position, string parameterName)
    {
        if (Syntax?.ArgumentList is { } list)
        {
            // C# binds positional arguments by position until the first named one, and named ones by name.
            for (int i = 0; i < list.Arguments.Count; i++)
            {
                AttributeArgumentSyntax argument = list.Arguments[i];
                if (argument.NameEquals is not null) continue;
                if (argument.NameColon is not null)
                {
                    if (argument.NameColon.Name.Identifier.ValueText == parameterName) return LocationInfo.From(argument);
                }
                else if (i == position)
                {
                    return LocationInfo.From(argument);
                }
            }
        }

        return Location;
    }

    /// <summary>The location of the <c>Name = value</c> argument, or the whole attribute when it is not written.</summary>
    public LocationInfo? NamedArgumentLocation(string name)
    {
        if (Syntax?.ArgumentList is { } list)
        {
            foreach (AttributeArgumentSyntax argument in list.Arguments)
                if (argument.NameEquals?.Name.Identifier.ValueText == name) return LocationInfo.From(argument);
        }

        return Location;
    }

    private bool TryGetConstructorValue<T>(int index, out T value)
    {
        value = default!;
        if (Data.AttributeConstructor is null || Data.ConstructorArguments.Length <= index) return false;
        TypedConstant argument = Data.ConstructorArguments[index];
        if (argument.Kind == TypedConstantKind.Error || argument.Value is not T v) return false;
        value = v;
        return true;
    }
}

/// <summary>Whether a named attribute argument is written, and if so whether it could be read.</summary>
internal enum ArgumentState
{
    Absent,
    Present,
    Unreadable,
}
