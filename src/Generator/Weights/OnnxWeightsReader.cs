using System;
using System.Linq;
using NetGen.Generator.Helpers;
using NetGen.Onnx;
using NetGen.Safetensors;

namespace NetGen.Generator.Weights;

/// <summary>The read step for <c>.onnx</c> AdditionalFiles: runs the shared <see cref="OnnxDenseReader"/> over the file's bytes.</summary>
internal static class OnnxWeightsReader
{
    public static bool IsOnnx(string path) => path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a whole ONNX file held in memory. Never throws: every problem becomes <see cref="OnnxWeights.Problem"/>.</summary>
    public static WeightsFile Parse(string path, EquatableArray<string> requestedAs, byte[] bytes)
    {
        OnnxWeights onnx;
        OnnxDenseNetwork? dense = OnnxDenseReader.Read(bytes, out OnnxError? error);
        if (dense is null)
        {
            onnx = new OnnxWeights(error!.Kind, error.Message, EquatableArray<OnnxLayerFacts>.Empty, new ByteBlob(Array.Empty<byte>()), false);
        }
        else
        {
            int floats = dense.Layers.Sum(l => l.Weights.Length + l.Bias.Length);
            var parameters = new byte[4L * floats];
            int offset = 0;
            foreach (OnnxDenseLayer layer in dense.Layers)
            {
                foreach (float[] values in new[] { layer.Weights, layer.Bias })
                {
                    SafetensorsFloat32.Encode(values, parameters.AsSpan(offset, 4 * values.Length));
                    offset += 4 * values.Length;
                }
            }

            EquatableArray<OnnxLayerFacts> layers = dense.Layers
                .Select(l => new OnnxLayerFacts(l.Inputs, l.Units, l.Activation, l.Alpha, l.Source))
                .ToEquatableArray();
            onnx = new OnnxWeights(OnnxErrorKind.Malformed, null, layers, new ByteBlob(parameters), dense.StandardizerStds is not null || dense.StandardizerMeans is not null);
        }

        return new WeightsFile(path, requestedAs, null, EquatableArray<WeightsTensor>.Empty, 0, new ByteBlob(Array.Empty<byte>()), onnx);
    }
}
