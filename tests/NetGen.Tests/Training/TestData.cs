using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace NetGen.Tests.Training;

/// <summary>
/// Test-only loading of the bundled data sets in the repository's <c>data/</c> folder (simple, well-formed CSV: no quotes),
/// plus a stratified split and standardisation. Stands in for Dataset.FromCsv, Split and Standardizer until those land.
/// </summary>
internal static class TestData
{
    public static Dataset Iris() => LoadCsv("iris.csv", "species", classification: true);

    public static Dataset Digits() => LoadCsv("digits.csv.gz", "digit", classification: true);

    public static Dataset Diabetes() => LoadCsv("diabetes.csv", "progression", classification: false);

    public static string DataDirectory { get; } = FindDataDirectory();

    /// <summary>Features as floats; the target column becomes one-hot classes (names sorted ordinally) or a raw regression value.</summary>
    public static Dataset LoadCsv(string file, string targetColumn, bool classification)
    {
        string path = Path.Combine(DataDirectory, file);
        using Stream raw = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        using var reader = new StreamReader(stream);
        string[] header = reader.ReadLine()!.Split(',');
        int target = Array.IndexOf(header, targetColumn);
        var rows = new List<string[]>();
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
            if (line.Length > 0) rows.Add(line.Split(','));

        int featureCount = header.Length - 1;
        var features = new float[rows.Count * featureCount];
        for (int r = 0; r < rows.Count; r++)
            for (int c = 0, f = 0; c < header.Length; c++)
                if (c != target) features[r * featureCount + f++] = float.Parse(rows[r][c], CultureInfo.InvariantCulture);

        if (!classification)
            return new Dataset(features, featureCount, rows.Select(row => float.Parse(row[target], CultureInfo.InvariantCulture)).ToArray(), 1);

        string[] classes = rows.Select(row => row[target]).Distinct().OrderBy(c => c, StringComparer.Ordinal).ToArray();
        var targets = new float[rows.Count * classes.Length];
        for (int r = 0; r < rows.Count; r++) targets[r * classes.Length + Array.IndexOf(classes, rows[r][target])] = 1;
        return new Dataset(features, featureCount, targets, classes.Length, classes);
    }

    /// <summary>Shuffled from the seed; for classification each class is split in the same proportion.</summary>
    public static (Dataset Train, Dataset Test) Split(Dataset data, double trainFraction, int seed)
    {
        var random = new NetGenRandom((ulong)seed);
        var train = new List<int>();
        var test = new List<int>();
        IEnumerable<IGrouping<int, int>> groups = Enumerable.Range(0, data.Count).GroupBy(i => data.IsClassification ? data.Label(i) : 0);
        foreach (IGrouping<int, int> group in groups.OrderBy(g => g.Key))
        {
            int[] members = group.ToArray();
            random.Shuffle(members.AsSpan());
            int cut = (int)Math.Round(members.Length * trainFraction);
            train.AddRange(members.Take(cut));
            test.AddRange(members.Skip(cut));
        }

        int[] trainOrder = train.ToArray(), testOrder = test.ToArray();
        random.Shuffle(trainOrder.AsSpan());
        return (Subset(data, trainOrder), Subset(data, testOrder));
    }

    public static Dataset Subset(Dataset data, IReadOnlyList<int> rows)
    {
        var features = new float[rows.Count * data.FeatureCount];
        var targets = new float[rows.Count * data.TargetCount];
        for (int r = 0; r < rows.Count; r++)
        {
            data.Features(rows[r]).CopyTo(features.AsSpan(r * data.FeatureCount));
            data.Target(rows[r]).CopyTo(targets.AsSpan(r * data.TargetCount));
        }

        return new Dataset(features, data.FeatureCount, targets, data.TargetCount, data.ClassNames?.ToArray());
    }

    /// <summary>(x - mean) / std per feature, statistics from <paramref name="fit"/> only; constant features are only centred.</summary>
    public static void StandardizeFeatures(Dataset fit, params Dataset[] apply)
    {
        for (int f = 0; f < fit.FeatureCount; f++)
        {
            (double mean, double std) = Moments(Enumerable.Range(0, fit.Count).Select(i => (double)fit.Features(i)[f]));
            foreach (Dataset d in apply.Prepend(fit))
                for (int i = 0; i < d.Count; i++)
                    d.Features(i)[f] = (float)((d.Features(i)[f] - mean) / (std > 0 ? std : 1));
        }
    }

    /// <summary>Standardises a single regression target with <paramref name="fit"/>'s statistics.</summary>
    public static void StandardizeTarget(Dataset fit, params Dataset[] apply)
    {
        (double mean, double std) = Moments(Enumerable.Range(0, fit.Count).Select(i => (double)fit.Target(i)[0]));
        foreach (Dataset d in apply.Prepend(fit))
            for (int i = 0; i < d.Count; i++)
                d.Target(i)[0] = (float)((d.Target(i)[0] - mean) / std);
    }

    private static (double Mean, double Std) Moments(IEnumerable<double> values)
    {
        double[] v = values.ToArray();
        double mean = v.Average();
        return (mean, Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / v.Length));
    }

    private static string FindDataDirectory()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "data");
            if (File.Exists(Path.Combine(candidate, "iris.csv"))) return candidate;
        }

        throw new DirectoryNotFoundException($"No data/iris.csv above {AppContext.BaseDirectory}; the tests expect the repository's data folder.");
    }
}
