using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace NetGen.Tests.Onnx;

/// <summary>Inputs and outputs a PyTorch script recorded in JSON (<c>inputs</c>, <c>outputs</c>), and how far a network is from them.</summary>
public sealed class ReferenceOutputs
{
    private ReferenceOutputs(float[][] inputs, float[][] outputs, JsonElement root)
    {
        Inputs = inputs;
        Outputs = outputs;
        Root = root;
    }

    public float[][] Inputs { get; }

    public float[][] Outputs { get; }

    /// <summary>The whole document, for the script's other facts.</summary>
    public JsonElement Root { get; }

    public static ReferenceOutputs Read(string path)
    {
        JsonElement root = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        static float[][] Rows(JsonElement e) => e.EnumerateArray().Select(r => r.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray()).ToArray();
        return new ReferenceOutputs(Rows(root.GetProperty("inputs")), Rows(root.GetProperty("outputs")), root);
    }

    /// <summary>The largest absolute difference between <paramref name="net"/>'s Forward and the recorded outputs.</summary>
    public double MaxDifference(INetwork net)
    {
        double max = 0;
        var y = new float[net.OutputSize];
        for (int i = 0; i < Inputs.Length; i++)
        {
            net.Forward(Inputs[i], y);
            for (int k = 0; k < y.Length; k++) max = Math.Max(max, Math.Abs(y[k] - Outputs[i][k]));
        }

        return max;
    }
}
