using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetGen;

/// <summary>The <c>__metadata__</c> keys NetGen writes into weight files, and their text formats.</summary>
internal static class WeightFileMetadata
{
    /// <summary>Format version of NetGen's layout, so future readers can tell old files apart.</summary>
    public const string FormatVersionKey = "netgen.format_version";

    public const string FormatVersion = "1";

    /// <summary><see cref="NetworkArchitecture.ToString"/> of the saved network, for people and tools.</summary>
    public const string ArchitectureKey = "netgen.architecture";

    /// <summary>Per-layer activations, checked on load: shapes alone cannot tell a Tanh layer from a Relu one.</summary>
    public const string ActivationsKey = "netgen.activations";

    public const string StandardizerMeansKey = "netgen.standardizer.means";

    public const string StandardizerStdsKey = "netgen.standardizer.stds";

    /// <summary>
    /// Activations and alphas, e.g. <c>Tanh,LeakyRelu(0.2),Softmax</c>. Dropout and the loss are left out on purpose:
    /// they only matter in training, so weights trained with dropout load into the same network declared without it.
    /// </summary>
    public static string Activations(NetworkArchitecture architecture)
    {
        var sb = new StringBuilder();
        foreach (LayerInfo layer in architecture.Layers)
        {
            if (sb.Length > 0) sb.Append(',');
            sb.Append(layer.Activation);
            if (layer.Alpha != 0) sb.Append('(').Append(layer.Alpha.ToString("G9", CultureInfo.InvariantCulture)).Append(')');
        }

        return sb.ToString();
    }

    /// <summary>Floats as comma-separated G9 text, which round-trips every float exactly.</summary>
    public static string FormatFloats(IReadOnlyList<float> values)
    {
        var sb = new StringBuilder(values.Count * 12);
        for (int i = 0; i < values.Count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(values[i].ToString("G9", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <summary>Parses <see cref="FormatFloats"/> text; null (with a reason) if it is not exactly <paramref name="count"/> finite floats.</summary>
    public static float[]? ParseFloats(string text, int count, out string? problem)
    {
        string[] parts = text.Split(',');
        problem = null;
        if (parts.Length != count)
        {
            problem = $"holds {parts.Length} values but the network has {count} inputs";
            return null;
        }

        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            if (!FieldText.TryParseFinite(parts[i], out values[i]))
            {
                problem = $"value {i} ('{FieldText.Shorten(parts[i])}') is not a finite number";
                return null;
            }
        }

        return values;
    }
}
