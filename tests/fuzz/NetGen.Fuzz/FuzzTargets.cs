using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Reflection;
using NetGen.TestNetworks;
using NetGen.Tests.Data;
using NetGen.Tests.Onnx;

namespace NetGen.Fuzz;

/// <summary>
/// One parser under fuzzing: how to build its valid seed inputs and how to feed it one input. Shared by the SharpFuzz
/// harness (coverage-guided, <c>Program</c>) and the CsCheck property suite in NetGen.Tests (which links this file), so
/// both exercise exactly the same entry points.
/// </summary>
/// <param name="Name">The target's name on the command line and its corpus folder under <c>tests/fuzz/corpus</c>.</param>
/// <param name="Seeds">Valid inputs the parser accepts, the starting points for mutation.</param>
/// <param name="Run">Parses the file at the given path (the fuzzed input) with its public loader.</param>
public sealed record FuzzTarget(string Name, Func<IReadOnlyList<byte[]>> Seeds, Action<string> Run)
{
    /// <summary>
    /// For a weight-file target: makes the network the file is loaded into. With <see cref="LoadInto"/> it lets the
    /// property suite load many inputs into one network and check that every rejected load left its parameters as
    /// they were, byte for byte (the loaders promise to stage the whole file first).
    /// </summary>
    public Func<INetwork>? Network { get; init; }

    /// <summary>For a weight-file target: loads the file at the path into the given network (what <see cref="Run"/> does to a new one).</summary>
    public Action<INetwork, string>? LoadInto { get; init; }

    /// <summary>A target that loads weight files into networks made by <paramref name="network"/>.</summary>
    public static FuzzTarget Weights(string name, Func<IReadOnlyList<byte[]>> seeds, Func<INetwork> network, Action<INetwork, string> load) =>
        new(name, seeds, path => load(network(), path)) { Network = network, LoadInto = load };
}

/// <summary>Every fuzzed parser. Each loads through the public API (<c>Dataset.FromIdx</c>, <c>Dataset.FromCsv</c>, <c>Load</c>, <c>LoadOnnx</c>).</summary>
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

    /// <summary>The targets by name. To fuzz a new parser, add one entry here and a corpus folder.</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } = new[]
    {
        new FuzzTarget("idx-images", IdxImageSeeds, path => Dataset.FromIdx(path, CompanionFile("labels", IdxWriter.Labels(Labels)))),
        new FuzzTarget("idx-labels", IdxLabelSeeds, path => Dataset.FromIdx(CompanionFile("images", IdxWriter.Images(4, 4, Pixels)), path)),
        new FuzzTarget("csv", CsvSeeds, path => Dataset.FromCsv(path, "species")),
        FuzzTarget.Weights("safetensors", SafetensorsSeeds, () => new IrisNet(), (net, path) => net.Load(path)),
        FuzzTarget.Weights("weight-metadata", WeightMetadataSeeds, () => new IrisNet(), (net, path) => net.Load(path)),
        // LoadOnnx itself, not Load: the fuzzed file's name has no .onnx extension (AFL and the suites reuse one path).
        FuzzTarget.Weights("onnx", OnnxSeeds, () => new PyTorchOnnxNetwork(), (net, path) => net.LoadOnnx(path)),
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

    /// <summary>
    /// Valid models of <see cref="PyTorchOnnxNetwork"/>'s shape (4-16 Tanh-8 LeakyRelu(0.2)-3 Softmax) in every style the
    /// ONNX reader accepts: the real torch.onnx.export file the network is built from (Gemm with transB), NetGen's own
    /// SaveOnnx (bare, with the standardizer in the metadata, and with it folded in as Sub/Div nodes), and an
    /// skl2onnx-shaped graph (MatMul + Add, float_data, a Constant node, ArgMax and ZipMap heads in ai.onnx.ml).
    /// </summary>
    public static IReadOnlyList<byte[]> OnnxSeeds()
    {
        var standardizer = new Standardizer(new[] { 5.8f, 3.05f, 3.76f, 1.2f }, new[] { 0.83f, 0.43f, 1.76f, 0.76f });
        return new[]
        {
            PyTorchOnnxExport(),
            SavedOnnx(null, fold: false),
            SavedOnnx(standardizer, fold: false),
            SavedOnnx(standardizer, fold: true),
            Skl2OnnxShaped(),
        };
    }

    /// <summary>tests/NetGen.TestNetworks/Weights/pytorch_4_16_8_3.onnx, embedded in the assembly so the harness needs no repository checkout.</summary>
    public static byte[] PyTorchOnnxExport()
    {
        using Stream stream = typeof(FuzzTargets).Assembly.GetManifestResourceStream("NetGen.Fuzz.pytorch_4_16_8_3.onnx")
            ?? throw new InvalidOperationException("the embedded resource NetGen.Fuzz.pytorch_4_16_8_3.onnx is missing; the project file embeds it");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static byte[] SavedOnnx(Standardizer? standardizer, bool fold)
    {
        string path = Path.Combine(Path.GetTempPath(), $"netgen-fuzz-seed-{Guid.NewGuid():N}.onnx");
        try
        {
            var net = new PyTorchOnnxNetwork(seed: 3);
            net.SaveOnnx(path, standardizer, fold);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] Skl2OnnxShaped()
    {
        static float[] Values(int count, float scale)
        {
            var values = new float[count];
            for (int i = 0; i < count; i++) values[i] = scale * ((i * 7 % 11) - 5);
            return values;
        }

        return new OnnxBytes(13).Opset("ai.onnx.ml", 1)
            .Input("X", 1, null, 4L)
            .Initializer("coefficient", new long[] { 4, 16 }, Values(64, 0.1f))
            .Initializer("intercepts", new long[] { 1, 16 }, Values(16, -0.02f), raw: false)
            .Initializer("coefficient1", new long[] { 16, 8 }, Values(128, 0.05f), raw: false)
            .Initializer("coefficient2", new long[] { 8, 3 }, Values(24, -0.3f))
            .Initializer("intercepts2", new long[] { 1, 3 }, Values(3, 0.01f))
            .RawInitializer("classes", new long[] { 3 }, 7, new byte[24])
            .Node("MatMul", new[] { "X", "coefficient" }, new[] { "mul_result" }, "MatMul")
            .Node("Add", new[] { "mul_result", "intercepts" }, new[] { "add_result" }, "Add")
            .Node("Tanh", new[] { "add_result" }, new[] { "next_activations" }, "Tanh")
            .Node("MatMul", new[] { "next_activations", "coefficient1" }, new[] { "mul_result1" }, "MatMul1")
            .Node("Constant", Array.Empty<string>(), new[] { "intercepts1" }, "Constant", "", ("value", (new long[] { 8 }, Values(8, 0.03f))))
            .Node("Add", new[] { "mul_result1", "intercepts1" }, new[] { "add_result1" }, "Add1")
            .Node("LeakyRelu", new[] { "add_result1" }, new[] { "next_activations1" }, "LeakyRelu", "", ("alpha", 0.2f))
            .Node("MatMul", new[] { "next_activations1", "coefficient2" }, new[] { "mul_result2" }, "MatMul2")
            .Node("Add", new[] { "mul_result2", "intercepts2" }, new[] { "add_result2" }, "Add2")
            .Node("Softmax", new[] { "add_result2" }, new[] { "probabilities" }, "Softmax", "", ("axis", 1L))
            .Node("ArgMax", new[] { "probabilities" }, new[] { "argmax_output" }, "ArgMax", "", ("axis", 1L))
            .Node("ArrayFeatureExtractor", new[] { "classes", "argmax_output" }, new[] { "label" }, "ArrayFeatureExtractor", "ai.onnx.ml")
            .Node("ZipMap", new[] { "probabilities" }, new[] { "output_probability" }, "ZipMap", "ai.onnx.ml")
            .Output("label", 7, (object?)null)
            .SequenceOutput("output_probability")
            .Build();
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
