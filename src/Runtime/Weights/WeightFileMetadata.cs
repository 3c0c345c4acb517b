using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
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

    /// <summary>The standardizer recorded in <paramref name="metadata"/>, or null if none; a partial or malformed one is an <see cref="System.IO.InvalidDataException"/> naming <paramref name="path"/>.</summary>
    public static Standardizer? ReadStandardizer(string path, IReadOnlyDictionary<string, string> metadata, int inputSize)
    {
        bool hasMeans = metadata.TryGetValue(StandardizerMeansKey, out string? meansText);
        bool hasStds = metadata.TryGetValue(StandardizerStdsKey, out string? stdsText);
        if (!hasMeans && !hasStds) return null;
        if (!hasMeans || !hasStds)
            throw new InvalidDataException($"{path}: metadata has '{(hasMeans ? StandardizerMeansKey : StandardizerStdsKey)}' without '{(hasMeans ? StandardizerStdsKey : StandardizerMeansKey)}'.");
        float[] means = ParseFloats(meansText!, inputSize, out string? problem)
            ?? throw new InvalidDataException($"{path}: metadata '{StandardizerMeansKey}' {problem}.");
        float[] stds = ParseFloats(stdsText!, inputSize, out problem)
            ?? throw new InvalidDataException($"{path}: metadata '{StandardizerStdsKey}' {problem}.");
        for (int i = 0; i < stds.Length; i++)
            if (!(stds[i] > 0))
                throw new InvalidDataException(FormattableString.Invariant($"{path}: metadata '{StandardizerStdsKey}' value {i} is {stds[i]}; standard deviations must be positive."));
        return new Standardizer(means, stds);
    }
}
