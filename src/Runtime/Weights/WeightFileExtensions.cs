using System;
using System.Collections.Generic;
using System.IO;
using NetGen.Safetensors;

namespace NetGen;

/// <summary>
/// Saves and loads a network's parameters as a safetensors file (https://github.com/huggingface/safetensors): one F32
/// tensor <c>layers.{i}.{name}</c> per entry of each layer's <see cref="LayerInfo.Tensors"/> (for Dense layer <c>i</c>,
/// <c>layers.{i}.weight</c> <c>[out, in]</c> and <c>layers.{i}.bias</c> <c>[out]</c>), and <c>__metadata__</c> with the architecture, a format version and, when given, the standardizer.
/// Files saved from a PyTorch <c>nn.Sequential</c> of <c>nn.Linear</c> layers load too.
/// </summary>
public static class WeightFileExtensions
{
    /// <summary>
    /// Writes the parameters (and <paramref name="standardizer"/>, if given) to <paramref name="path"/>. The file is
    /// replaced atomically: the data goes to a temporary file in the same directory, is flushed to the disk and then
    /// renamed over the target, so a crash or error never leaves a half-written file.
    /// </summary>
    /// <param name="network">The network to save.</param>
    /// <param name="path">The destination file.</param>
    /// <param name="standardizer">Input statistics to store beside the weights; <see cref="Load"/> returns them.</param>
    /// <exception cref="ArgumentException">The standardizer's feature count is not the network's input size.</exception>
    public static void Save(this INetwork network, string path, Standardizer? standardizer = null)
    {
        if (network is null) throw new ArgumentNullException(nameof(network));
        if (path is null) throw new ArgumentNullException(nameof(path));
        NetworkArchitecture architecture = network.Architecture;
        ReadOnlySpan<float> parameters = CheckedParameters(network, architecture);
        if (standardizer is not null && standardizer.FeatureCount != architecture.InputSize)
            throw new ArgumentException($"The standardizer has {standardizer.FeatureCount} features but the network has {architecture.InputSize} inputs.", nameof(standardizer));

        var metadata = new Dictionary<string, string>
        {
            [WeightFileMetadata.FormatVersionKey] = WeightFileMetadata.FormatVersion,
            [WeightFileMetadata.ArchitectureKey] = architecture.ToString(),
            [WeightFileMetadata.ActivationsKey] = WeightFileMetadata.Activations(architecture),
        };
        if (standardizer is not null)
        {
            metadata[WeightFileMetadata.StandardizerMeansKey] = WeightFileMetadata.FormatFloats(standardizer.Means);
            metadata[WeightFileMetadata.StandardizerStdsKey] = WeightFileMetadata.FormatFloats(standardizer.StandardDeviations);
        }

        // A snapshot taken now: the lambda below cannot capture the span, and the file must be one consistent state.
        var tensors = new List<(string, long[], float[])>(architecture.Layers.Count * 2);
        for (int i = 0; i < architecture.Layers.Count; i++)
            foreach (ParameterTensor tensor in architecture.Layers[i].Tensors)
                tensors.Add((SafetensorsLayerResolver.TensorName(i, tensor.Name), tensor.LongShape(), parameters.Slice(tensor.Offset, tensor.Length).ToArray()));

        AtomicFile.Write(path, stream => SafetensorsWriter.Write(stream, tensors, metadata));
    }

    /// <summary>
    /// Reads the parameters from a safetensors file (or, for a path ending in <c>.onnx</c>, an ONNX model: see
    /// <see cref="OnnxExtensions.LoadOnnx"/>) at <paramref name="path"/> into <paramref name="network"/>. The whole
    /// file is validated first (header length, JSON, names, dtypes, shapes, offsets, finite values, and the activations
    /// NetGen recorded, if any); only then are the parameters replaced, so a bad file leaves the network unchanged.
    /// Tensors are matched by NetGen's names <c>layers.{i}.weight</c>/<c>.bias</c>, or, when those are not all present,
    /// as the <c>{stem}{n}.weight</c>/<c>{stem}{n}.bias</c> pairs of a PyTorch <c>nn.Sequential</c> (one common stem such
    /// as <c>""</c>, <c>"net."</c>) in numeric order of <c>n</c>.
    /// </summary>
    /// <param name="network">The network to fill.</param>
    /// <param name="path">The safetensors file.</param>
    /// <returns>The standardizer stored with the weights (if any) and the file's metadata.</returns>
    /// <exception cref="InvalidDataException">The file is malformed or does not fit the network; the message names the file and the tensor or byte offset.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static LoadResult Load(this INetwork network, string path)
    {
        if (network is null) throw new ArgumentNullException(nameof(network));
        if (path is null) throw new ArgumentNullException(nameof(path));
        if (OnnxExtensions.IsOnnxPath(path)) return network.LoadOnnx(path);
        NetworkArchitecture architecture = network.Architecture;
        CheckedParameters(network, architecture);

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        SafetensorsHeader header = ReadHeader(path, file, out long dataLength);

        Throw(path, SafetensorsLayerResolver.Resolve(header, Specs(architecture), out SafetensorsLayerTensors[] layers, out bool pyTorchNames));
        CheckActivations(path, header, architecture);
        Standardizer? standardizer = ReadStandardizer(path, header, architecture.InputSize);

        // Names and shapes match the network and the tensors tile the buffer exactly, so it holds exactly the
        // network's parameters: this allocation is the network's size, whatever the file claims.
        var data = new byte[dataLength];
        ReadExactly(path, file, data, header.DataStart);
        var staged = new float[architecture.ParameterCount];
        for (int i = 0; i < layers.Length; i++)
        {
            IReadOnlyList<ParameterTensor> expected = architecture.Layers[i].Tensors;
            for (int t = 0; t < expected.Count; t++)
                Decode(path, header, data, layers[i].Tensors[t], staged.AsSpan(expected[t].Offset, expected[t].Length));
        }

        staged.CopyTo(network.Parameters);
        return new LoadResult(standardizer, header.Metadata, pyTorchNames);
    }

    /// <summary>What each layer's tensors must be called and shaped, from its <see cref="LayerInfo.Tensors"/>.</summary>
    private static SafetensorsLayerSpec[] Specs(NetworkArchitecture architecture)
    {
        var specs = new SafetensorsLayerSpec[architecture.Layers.Count];
        for (int i = 0; i < specs.Length; i++)
        {
            LayerInfo layer = architecture.Layers[i];
            var tensors = new (string, long[])[layer.Tensors.Count];
            for (int t = 0; t < tensors.Length; t++) tensors[t] = (layer.Tensors[t].Name, layer.Tensors[t].LongShape());
            specs[i] = new SafetensorsLayerSpec(layer.Kind, tensors);
        }

        return specs;
    }

    /// <summary>The <c>__metadata__</c> of the safetensors file at <paramref name="path"/>, after checking its header.</summary>
    internal static IReadOnlyDictionary<string, string> ReadMetadata(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return ReadHeader(path, file, out _).Metadata;
    }

    /// <summary>Reads and validates the length prefix and the JSON header; <paramref name="dataLength"/> is what follows them.</summary>
    internal static SafetensorsHeader ReadHeader(string path, FileStream file, out long dataLength)
    {
        long fileLength = file.Length;
        var prefix = new byte[SafetensorsParser.PrefixLength];
        int prefixRead = ReadUpTo(file, prefix, prefix.Length);
        Throw(path, SafetensorsParser.ReadHeaderLength(prefix.AsSpan(0, prefixRead), fileLength, out long headerLength));

        // Bounded by the parser's cap and by the file's real length, so a lying length prefix cannot make this huge.
        var headerBytes = new byte[headerLength];
        ReadExactly(path, file, headerBytes, SafetensorsParser.PrefixLength);
        dataLength = fileLength - SafetensorsParser.PrefixLength - headerLength;
        Throw(path, SafetensorsParser.ParseHeader(headerBytes, dataLength, out SafetensorsHeader? header));
        return header!;
    }

    /// <summary>The network's parameters, after checking their count against its architecture (shared with <see cref="OnnxExtensions"/>).</summary>
    internal static ReadOnlySpan<float> CheckedParameters(INetwork network, NetworkArchitecture architecture)
    {
        Span<float> parameters = network.Parameters;
        if (parameters.Length != architecture.ParameterCount)
            throw new ArgumentException($"The network's Parameters span has {parameters.Length} values but its architecture needs {architecture.ParameterCount}.", nameof(network));
        return parameters;
    }

    private static void Decode(string path, SafetensorsHeader header, byte[] data, SafetensorsTensorInfo tensor, Span<float> destination)
    {
        int bad = SafetensorsFloat32.Decode(data.AsSpan((int)tensor.Begin, (int)tensor.ByteLength), destination);
        if (bad >= 0)
            throw new InvalidDataException(FormattableString.Invariant($"{path}: byte {header.DataStart + tensor.Begin + 4L * bad}: tensor '{tensor.Name}' element {bad} is {destination[bad]}; weights must be finite."));
    }

    private static void CheckActivations(string path, SafetensorsHeader header, NetworkArchitecture architecture)
    {
        if (!header.Metadata.TryGetValue(WeightFileMetadata.ActivationsKey, out string? saved)) return;
        string expected = WeightFileMetadata.Activations(architecture);
        if (saved != expected)
            throw new InvalidDataException($"{path}: the weights were saved from a network with activations [{saved}] but this network has [{expected}] (metadata '{WeightFileMetadata.ActivationsKey}').");
    }

    private static Standardizer? ReadStandardizer(string path, SafetensorsHeader header, int inputSize) =>
        WeightFileMetadata.ReadStandardizer(path, header.Metadata, inputSize);

    private static void Throw(string path, SafetensorsError? error)
    {
        if (error is null) return;
        // A problem with no single place (a tensor the file lacks) is about the header as a whole, which starts at byte 8.
        string where = error.ByteOffset >= 0 ? error.ToString() : $"byte {SafetensorsParser.PrefixLength} (the header): {error.Message}";
        throw new InvalidDataException($"{path}: {where}");
    }

    private static int ReadUpTo(Stream stream, byte[] buffer, int count)
    {
        int total = 0;
        while (total < count)
        {
            int n = stream.Read(buffer, total, count - total);
            if (n == 0) break;
            total += n;
        }

        return total;
    }

    /// <summary>Reads <c>buffer.Length</c> bytes from <paramref name="offset"/>; a file that shrank meanwhile is reported like a truncated one.</summary>
    internal static void ReadExactly(string path, Stream stream, byte[] buffer, long offset)
    {
        stream.Position = offset;
        int read = ReadUpTo(stream, buffer, buffer.Length);
        if (read != buffer.Length)
            throw new InvalidDataException($"{path}: byte {offset + read}: the file ended {buffer.Length - read} bytes early.");
    }
}
