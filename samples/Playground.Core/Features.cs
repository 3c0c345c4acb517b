using System;
using System.Collections.Generic;

namespace NetGen.Playground;

/// <summary>Computes the chosen <see cref="Feature"/>s of a point, and names and parses them.</summary>
public static class Features
{
    /// <summary>Every feature, in the order the Playground lists them.</summary>
    public static IReadOnlyList<Feature> All { get; } = (Feature[])Enum.GetValues(typeof(Feature));

    /// <summary>The value of <paramref name="feature"/> at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public static double Value(Feature feature, double x, double y) => feature switch
    {
        Feature.X1 => x,
        Feature.X2 => y,
        Feature.X1Squared => x * x,
        Feature.X2Squared => y * y,
        Feature.X1X2 => x * y,
        Feature.SinX1 => Math.Sin(x),
        Feature.SinX2 => Math.Sin(y),
        _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, "Unknown feature."),
    };

    /// <summary>Writes the values of <paramref name="features"/> at (<paramref name="x"/>, <paramref name="y"/>) into <paramref name="destination"/>.</summary>
    public static void Compute(IReadOnlyList<Feature> features, double x, double y, Span<float> destination)
    {
        for (int i = 0; i < features.Count; i++) destination[i] = (float)Value(features[i], x, y);
    }

    /// <summary>The label the page shows, such as <c>X₁²</c> or <c>sin(X₂)</c>.</summary>
    public static string Label(Feature feature) => feature switch
    {
        Feature.X1 => "X\u2081",
        Feature.X2 => "X\u2082",
        Feature.X1Squared => "X\u2081\u00b2",
        Feature.X2Squared => "X\u2082\u00b2",
        Feature.X1X2 => "X\u2081X\u2082",
        Feature.SinX1 => "sin(X\u2081)",
        Feature.SinX2 => "sin(X\u2082)",
        _ => feature.ToString(),
    };

    /// <summary>The command-line name: <c>x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2</c>.</summary>
    public static string CommandName(Feature feature) => feature switch
    {
        Feature.X1Squared => "x1sq",
        Feature.X2Squared => "x2sq",
        _ => feature.ToString().ToLowerInvariant(),
    };

    /// <summary>Parses a comma-separated list of command names (see <see cref="CommandName"/>), keeping their order.</summary>
    /// <exception cref="ArgumentException">A name is unknown or repeated, or the list is empty.</exception>
    public static Feature[] Parse(string list)
    {
        if (list is null) throw new ArgumentNullException(nameof(list));
        var result = new List<Feature>();
        foreach (string part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Feature? match = null;
            foreach (Feature feature in All)
                if (string.Equals(CommandName(feature), part, StringComparison.OrdinalIgnoreCase)) match = feature;
            if (match is null)
                throw new ArgumentException($"Unknown feature '{part}'; use {string.Join(", ", Names())}.", nameof(list));
            if (result.Contains(match.Value)) throw new ArgumentException($"Feature '{part}' is listed twice.", nameof(list));
            result.Add(match.Value);
        }

        if (result.Count == 0) throw new ArgumentException("Choose at least one feature.", nameof(list));
        return result.ToArray();
    }

    private static IEnumerable<string> Names()
    {
        foreach (Feature feature in All) yield return CommandName(feature);
    }
}
