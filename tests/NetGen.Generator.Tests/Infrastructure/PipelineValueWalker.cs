using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Tests.Infrastructure;

/// <summary>
/// Walks a pipeline step's output through every field (records, tuples, arrays, equatable arrays, nested objects) and
/// reports any value that would pin a compilation in the incremental cache or defeat its equality check.
/// </summary>
internal static class PipelineValueWalker
{
    private static readonly Type[] Forbidden =
    {
        typeof(Compilation), typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(SemanticModel),
        typeof(AttributeData), typeof(SyntaxReference),
    };

    /// <summary>Returns the paths of forbidden values found under <paramref name="value"/>, empty when clean.</summary>
    public static List<string> FindForbidden(object? value, string root)
    {
        var found = new List<string>();
        Walk(value, root, new HashSet<object>(ReferenceEqualityComparer.Instance), found, depth: 0);
        return found;
    }

    private static void Walk(object? value, string path, HashSet<object> visited, List<string> found, int depth)
    {
        if (value is null) return;
        Type type = value.GetType();
        if (Forbidden.Any(f => f.IsAssignableFrom(type)))
        {
            found.Add($"{path}: {type.FullName}");
            return;
        }

        if (IsLeaf(type)) return;
        if (!type.IsValueType && !visited.Add(value)) return;
        // Models are a few levels deep; a much deeper graph means the walk wandered somewhere it should not.
        if (depth > 32) throw new InvalidOperationException($"Object graph deeper than 32 at {path}");

        if (value is IEnumerable sequence)
        {
            int i = 0;
            foreach (object? item in sequence) Walk(item, $"{path}[{i++}]", visited, found, depth + 1);
            return;
        }

        for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType.IsPointer) continue;
                Walk(field.GetValue(value), $"{path}.{field.Name}", visited, found, depth + 1);
            }
        }
    }

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)
        || typeof(Type).IsAssignableFrom(type) || typeof(Delegate).IsAssignableFrom(type) || type.IsPointer
        || type == typeof(IntPtr) || type == typeof(UIntPtr);
}
