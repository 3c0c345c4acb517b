using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using NetGen.TestNetworks;
using NetGen.Tests.Data;

namespace NetGen.Fuzz;

/// <summary>
/// One parser under fuzzing: how to build its valid seed inputs and how to feed it one input. Shared by the SharpFuzz
/// harness (coverage-guided, <c>Program</c>) and the CsCheck property suite in NetGen.Tests (which links this file), so
/// both exercise exactly the same entry points.
/// </summary>
/// <param name="Name">The target's name on the command line and its corpus folder under <c>tests/fuzz/corpus</c>.</param>
/// <param name="Seeds">Valid inputs the parser accepts, the starting points for mutation.</param>
/// <param name="Run">Parses the file at the given path (the fuzzed input) with its public loader.</param>
public sealed record FuzzTarget(string Name, Func<IReadOnlyList<byte[]>> Seeds, Action<string> Run);

/// <summary>Every fuzzed parser. Each loads through the public API (<c>Dataset.FromIdx</c>, <c>Dataset.FromCsv</c>, <c>Load</c>).</summary>
public static class FuzzTargets
{
    /// <summary>20 examples of 4x4 pixels (every byte value pattern mod 256) and their labels 0..9.</summary>
    public static readonly byte[] Pixels = CreatePixels(), Labels = CreateLabels();

    private static byte[] CreatePixels()
    {
        var pixels = new byte[20 * 4 * 4];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 13);
        return pixels;
    }

    private static byte[] CreateLabels()
    {
        var labels = new byte[20];
        for (int i = 0; i < labels.Length; i++) labels[i] = (byte)(i % 10);
        return labels;
    }

    /// <summary>The targets by name. To fuzz a new parser (ONNX, when it lands), add one entry here and a corpus folder.</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } = new[]
    {
        new FuzzTarget("idx-images", IdxImageSeeds, path => Dataset.FromIdx(path, CompanionFile("labels", IdxWriter.Labels(Labels)))),
        new FuzzTarget("idx-labels", IdxLabelSeeds, path => Dataset.FromIdx(CompanionFile("images", IdxWriter.Images(4, 4, Pixels)), path)),
        new FuzzTarget("csv", CsvSeeds, path => Dataset.FromCsv(path, "species")),
        new FuzzTarget("safetensors", SafetensorsSeeds, path => new IrisNet().Load(path)),
        new FuzzTarget("weight-metadata", WeightMetadataSeeds, path => new IrisNet().Load(path)),
        // ONNX: add new FuzzTarget("onnx", OnnxSeeds, path => ...) here once the ONNX reader exists.
    };

    /// <summary>The target called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No target has that name; the message lists them.</exception>
    public static FuzzTarget Find(string name)
    {
        foreach (FuzzTarget target in All)
            if (target.Name == name) return target;
        var names = new List<string>();
        foreach (FuzzTarget target in All) names.Add(target.Name);
        throw new ArgumentException($"No fuzz target '{name}'; the targets are {string.Join(", ", names)}.", nameof(name));
    }

    private static IReadOnlyList<byte[]> IdxImageSeeds()
    {
        byte[] images = IdxWriter.Images(4, 4, Pixels);
        return new[] { images, IdxWriter.Gzip(images) };
    }

    private static IReadOnlyList<byte[]> IdxLabelSeeds()
    {
        byte[] labels = IdxWriter.Labels(Labels);
        return new[] { labels, IdxWriter.Gzip(labels) };
    }

    /// <summary>Quoted fields with commas, doubled quotes and a line break, CRLF and LF endings, a BOM, numeric and text labels.</summary>
    public static readonly string CsvText =
        "\uFEFFsepal_length,\"sepal, width\",petal_length,petal_width,species\r\n"
        + "5.1,3.5,1.4,0.2,setosa\r\n"
        + "7.0,3.2,4.7,1.4,versicolor\n"
        + "6.3,\"3.3\",6.0,2.5,virginica\r\n"
        + "\r\n"
        + "-4.9e0,3.0,1.4,0.2,\"set\"\"osa\nnew\"\r\n";

    private static IReadOnlyList<byte[]> CsvSeeds()
    {
        byte[] text = Encoding.UTF8.GetBytes(CsvText);
        byte[] numericLabels = Encoding.UTF8.GetBytes("a,b,species\n1,2,0\n3,4,1\n5,6,10\n");
        return new[] { text, IdxWriter.Gzip(text), numericLabels };
    }

    private static IReadOnlyList<byte[]> SafetensorsSeeds() => new[] { SavedIrisNet(withStandardizer: false) };

    private static IReadOnlyList<byte[]> WeightMetadataSeeds() => new[] { SavedIrisNet(withStandardizer: true) };

    /// <summary>An <see cref="IrisNet"/> file exactly as <c>Save</c> writes it: the parser's most common real input.</summary>
    public static byte[] SavedIrisNet(bool withStandardizer)
    {
        string path = Path.Combine(Path.GetTempPath(), $"netgen-fuzz-seed-{Guid.NewGuid():N}.safetensors");
        try
        {
            Standardizer? standardizer = withStandardizer ? new Standardizer(new[] { 5.8f, 3.05f, 3.76f, 1.2f }, new[] { 0.83f, 0.43f, 1.76f, 0.76f }) : null;
            new IrisNet(seed: 1).Save(path, standardizer);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The valid second file an IDX target needs, written once per process in the temp folder.</summary>
    private static string CompanionFile(string name, byte[] content)
    {
        lock (Companions)
        {
            if (!Companions.TryGetValue(name, out string? path))
            {
                path = Path.Combine(Path.GetTempPath(), $"netgen-fuzz-{Environment.ProcessId}-{name}.idx");
                File.WriteAllBytes(path, content);
                Companions.Add(name, path);
            }

            return path;
        }
    }

    private static readonly Dictionary<string, string> Companions = new();
}
