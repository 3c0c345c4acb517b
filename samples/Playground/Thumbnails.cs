using System;
using NetGen.Playground;

namespace NetGen.Playground.App;

/// <summary>Small images for the page: data-set previews and downsampled neuron heat maps.</summary>
public static class Thumbnails
{
    /// <summary>Averages <paramref name="factor"/> x <paramref name="factor"/> blocks of a square map (as the original's reduceMatrix) and shades the result.</summary>
    public static void Downsample(ReadOnlySpan<float> map, int density, int factor, bool discretize, Span<byte> rgba)
    {
        int small = density / factor;
        Span<float> reduced = small * small <= 1024 ? stackalloc float[small * small] : new float[small * small];
        for (int row = 0; row < small; row++)
        for (int column = 0; column < small; column++)
        {
            float sum = 0;
            for (int dy = 0; dy < factor; dy++)
            for (int dx = 0; dx < factor; dx++)
                sum += map[(row * factor + dy) * density + column * factor + dx];
            reduced[row * small + column] = sum / (factor * factor);
        }

        PlaygroundColors.Fill(reduced, rgba, discretize);
    }

    /// <summary>A <paramref name="density"/>-square preview of <paramref name="kind"/>: 200 noise-free points, as the original's data-set buttons.</summary>
    public static byte[] DatasetPreview(DatasetKind kind, int density)
    {
        var rgba = new byte[density * density * 4];
        for (int i = 0; i < rgba.Length; i += 4) { rgba[i] = 0xfa; rgba[i + 1] = 0xfa; rgba[i + 2] = 0xfa; rgba[i + 3] = 255; }
        foreach (Example2D point in DataGenerators.Generate(kind, 200, 0, seed: 1))
        {
            (byte r, byte g, byte b) = PlaygroundColors.Of(point.Label);
            int cx = (int)((point.X + DataGenerators.Extent) / (2 * DataGenerators.Extent) * density);
            int cy = (int)((DataGenerators.Extent - point.Y) / (2 * DataGenerators.Extent) * density);
            for (int y = cy; y < cy + 2; y++)
            for (int x = cx; x < cx + 2; x++)
            {
                if (x < 0 || y < 0 || x >= density || y >= density) continue;
                int at = (y * density + x) * 4;
                rgba[at] = r; rgba[at + 1] = g; rgba[at + 2] = b;
            }
        }

        return rgba;
    }
}
