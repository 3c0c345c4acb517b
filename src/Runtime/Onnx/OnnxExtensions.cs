using System;
using System.Collections.Generic;
using System.IO;
using NetGen.Onnx;

namespace NetGen;

/// <summary>
/// Exports any <see cref="INetwork"/> as a standard ONNX model (opset 13) for ONNX Runtime, Triton or onnxruntime-web,
/// and reads the dense networks that torch.onnx.export, skl2onnx and tf2onnx write. docs/onnx.md describes both.
/// </summary>
public static class OnnxExtensions
{
    /// <summary>
    /// Writes the network to <paramref name="path"/> as an ONNX model: input <c>input</c> of shape <c>[N, InputSize]</c>
    /// (symbolic batch <c>N</c>), per layer a <c>Gemm</c> (<c>transB = 1</c>) and its activation, output <c>output</c>
    /// <c>[N, OutputSize]</c>; dropout is left out. The metadata records NetGen's version, the architecture and, when
    /// given, the standardizer. The file is replaced atomically, like <see cref="WeightFileExtensions.Save"/>.
    /// </summary>
    /// <param name="network">The network to export.</param>
    /// <param name="path">The destination file, conventionally <c>*.onnx</c>.</param>
    /// <param name="standardizer">Input statistics to record in the metadata (and to fold in, see <paramref name="foldStandardizer"/>).</param>
    /// <param name="foldStandardizer">
    /// Whether to put the standardizer into the graph as <c>Sub</c>/<c>Div</c> nodes before the first layer, so the model
    /// takes raw features. Without it the model takes standardized features, exactly like <c>Forward</c>.
    /// </param>
    /// <exception cref="ArgumentException">The standardizer's feature count is not the input size, or it is to be folded but is null.</exception>
    public static void SaveOnnx(this INetwork network, string path, Standardizer? standardizer = null, bool foldStandardizer = false)
    {
        if (network is null) throw new ArgumentNullException(nameof(network));
        if (path is null) throw new ArgumentNullException(nameof(path));
        NetworkArchitecture architecture = network.Architecture;
        ReadOnlySpan<float> parameters = WeightFileExtensions.CheckedParameters(network, architecture);
        if (standardizer is not null && standardizer.FeatureCount != architecture.InputSize)
            throw new ArgumentException($"The standardizer has {standardizer.FeatureCount} features but the network has {architecture.InputSize} inputs.", nameof(standardizer));
        if (foldStandardizer && standardizer is null)
            throw new ArgumentException("foldStandardizer needs a standardizer to fold.", nameof(foldStandardizer));

        // A snapshot taken now, so the file is one consistent state even if training continues on another thread.
        float[] snapshot = parameters.ToArray();
        AtomicFile.Write(path, stream => OnnxModelWriter.Write(stream, architecture, snapshot, standardizer, foldStandardizer));
    }

    /// <summary>
    /// Reads the Dense layers of the ONNX model at <paramref name="path"/> into <paramref name="network"/>. The whole
    /// graph is read and checked first (operators, attributes, shapes against the declared layers, activations and
    /// their alphas, finite weights); only then are the parameters replaced, so a bad file leaves the network unchanged.
    /// <see cref="WeightFileExtensions.Load"/> calls this for paths ending in <c>.onnx</c>.
    /// </summary>
    /// <param name="network">The network to fill.</param>
    /// <param name="path">The ONNX file.</param>
    /// <returns>
    /// The file's metadata and its standardizer: the <c>Sub</c>/<c>Div</c> nodes before the first layer if the graph has
    /// them, else the one NetGen recorded in the metadata. <c>Forward</c> does not standardize: apply it to every input.
    /// </returns>
    /// <exception cref="InvalidDataException">The file is malformed, uses an operator outside the dense subset (named in the message), or does not fit the network.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static LoadResult LoadOnnx(this INetwork network, string path)
    {
        if (network is null) throw new ArgumentNullException(nameof(network));
        if (path is null) throw new ArgumentNullException(nameof(path));
        NetworkArchitecture architecture = network.Architecture;
        WeightFileExtensions.CheckedParameters(network, architecture);

        // The whole file is read: ONNX puts the graph and the weights in one message, and every allocation below is
        // bounded by the file's real size (the reader checks each length against the bytes left).
        byte[] bytes = File.ReadAllBytes(path);
        OnnxDenseNetwork dense = OnnxDenseReader.Read(bytes, out OnnxError? error) ?? throw new InvalidDataException($"{path}: {error}");
        var declared = new DeclaredLayer[architecture.Layers.Count];
        for (int i = 0; i < declared.Length; i++)
        {
            LayerInfo layer = architecture.Layers[i];
            declared[i] = new DeclaredLayer(layer.Inputs, layer.Units, layer.Activation.ToString(), layer.Alpha);
        }

        error = OnnxLayerMatcher.Match(dense, declared);
        if (error is not null) throw new InvalidDataException($"{path}: {error}");
        Standardizer? standardizer = ReadStandardizer(path, dense, architecture.InputSize);

        var staged = new float[architecture.ParameterCount];
        for (int i = 0; i < declared.Length; i++)
        {
            LayerInfo layer = architecture.Layers[i];
            dense.Layers[i].Weights.CopyTo(staged, layer.ParameterOffset);
            dense.Layers[i].Bias.CopyTo(staged, layer.BiasOffset);
        }

        staged.CopyTo(network.Parameters);
        return new LoadResult(standardizer, dense.Metadata, usedPyTorchNames: false);
    }

    /// <summary>Whether <see cref="WeightFileExtensions.Load"/> reads <paramref name="path"/> as ONNX (its extension is <c>.onnx</c>, any case).</summary>
    internal static bool IsOnnxPath(string path) => path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);

    private static Standardizer? ReadStandardizer(string path, OnnxDenseNetwork dense, int inputSize)
    {
        if (dense.StandardizerStds is not null)
        {
            if (dense.StandardizerStds.Length != inputSize)
                throw new InvalidDataException($"{path}: {dense.StandardizerSource} standardizes {dense.StandardizerStds.Length} features but the network has {inputSize} inputs.");
            return new Standardizer(dense.StandardizerMeans!, dense.StandardizerStds);
        }

        if (dense.StandardizerMeans is not null)
            throw new InvalidDataException($"{path}: {dense.StandardizerSource} subtracts means before the first layer but no Div follows it to divide by standard deviations; NetGen reads (x - mean) / std.");
        return WeightFileMetadata.ReadStandardizer(path, dense.Metadata, inputSize);
    }
}
