using System;

namespace NetGen.Playground;

/// <summary>
/// The Playground's colour scale: -1 orange (#f59322), 0 light grey (#e8eaeb), +1 blue (#0877bd), quantised into 31
/// shades for heat maps as the original's <c>heatmap.ts</c> does, and clamped outside [-1, 1].
/// </summary>
public static class PlaygroundColors
{
    private const int Shades = 30;
    private static readonly (byte R, byte G, byte B) Negative = (0xf5, 0x93, 0x22);
    private static readonly (byte R, byte G, byte B) Middle = (0xe8, 0xea, 0xeb);
    private static readonly (byte R, byte G, byte B) Positive = (0x08, 0x77, 0xbd);

    /// <summary>The continuous colour of <paramref name="value"/> (for points, weights and lines).</summary>
    public static (byte R, byte G, byte B) Of(double value)
    {
        double v = double.IsNaN(value) ? 0 : Math.Clamp(value, -1, 1);
        return v < 0 ? Mix(Middle, Negative, -v) : Mix(Middle, Positive, v);
    }

    /// <summary>The colour of <paramref name="value"/> as <c>#rrggbb</c>.</summary>
    public static string Hex(double value)
    {
        (byte r, byte g, byte b) = Of(value);
        return $"#{r:x2}{g:x2}{b:x2}";
    }

    /// <summary>The heat-map shade of <paramref name="value"/>: one of 31 steps, or just the two end colours when <paramref name="discretize"/>.</summary>
    public static (byte R, byte G, byte B) Shade(double value, bool discretize)
    {
        if (discretize) return value >= 0 ? Positive : Negative;
        double v = double.IsNaN(value) ? 0 : Math.Clamp(value, -1, 1);
        int step = Math.Min(Shades, (int)Math.Floor((v + 1) / 2 * (Shades + 1))); // quantize [-1, 1] into 31 bins
        return Of(2.0 * step / Shades - 1);
    }

    /// <summary>Writes <paramref name="map"/>'s shades into <paramref name="rgba"/> (4 bytes a cell, opaque).</summary>
    public static void Fill(ReadOnlySpan<float> map, Span<byte> rgba, bool discretize)
    {
        if (rgba.Length < map.Length * 4) throw new ArgumentException($"rgba has {rgba.Length} bytes; {map.Length} cells need {map.Length * 4}.", nameof(rgba));
        for (int i = 0; i < map.Length; i++)
        {
            (byte r, byte g, byte b) = Shade(map[i], discretize);
            rgba[4 * i] = r;
            rgba[4 * i + 1] = g;
            rgba[4 * i + 2] = b;
            rgba[4 * i + 3] = 255;
        }
    }

    private static (byte R, byte G, byte B) Mix((byte R, byte G, byte B) from, (byte R, byte G, byte B) to, double t) =>
        ((byte)Math.Round(from.R + (to.R - from.R) * t), (byte)Math.Round(from.G + (to.G - from.G) * t), (byte)Math.Round(from.B + (to.B - from.B) * t));
}
