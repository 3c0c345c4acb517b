using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace NetGen.Tests.Onnx;

/// <summary>Runs a model file in ONNX Runtime, the consumer the exported files are for.</summary>
public static class OnnxRuntimeRunner
{
    /// <summary>Feeds <paramref name="count"/> rows of <paramref name="inputs"/> to the model's only input and returns its first output, row after row.</summary>
    public static float[] Run(string modelPath, float[] inputs, int count, int features)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(modelPath, options);
        string inputName = session.InputMetadata.Keys.Single();
        var tensor = new DenseTensor<float>(inputs, new[] { count, features });
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = session.Run(new[] { NamedOnnxValue.CreateFromTensor(inputName, tensor) });
        return results.First().AsEnumerable<float>().ToArray();
    }

    /// <summary>The model's custom metadata (ONNX metadata_props) and producer, as ONNX Runtime reports them.</summary>
    public static (string Producer, Dictionary<string, string> Metadata, string[] InputDims, string[] OutputDims) Describe(string modelPath)
    {
        using var session = new InferenceSession(modelPath);
        NodeMetadata input = session.InputMetadata.Values.Single(), output = session.OutputMetadata.Values.Single();
        string Dim(int value, string symbolic) => value >= 0 ? value.ToString() : symbolic;
        return (session.ModelMetadata.ProducerName,
            new Dictionary<string, string>(session.ModelMetadata.CustomMetadataMap),
            input.Dimensions.Select((d, i) => Dim(d, input.SymbolicDimensions[i])).ToArray(),
            output.Dimensions.Select((d, i) => Dim(d, output.SymbolicDimensions[i])).ToArray());
    }
}
