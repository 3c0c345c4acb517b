using System;

namespace NetGen.Benchmarks.Baselines;

/// <summary>
/// The baseline the issue asks for: the same network written as a person would without NetGen, with plain
/// <c>float[]</c> loops over row-major weights. It reads the very same parameter vector as the generated class
/// (W row-major [out, in], then b, layer by layer), so both compute identical functions.
/// </summary>
public sealed class NaiveDenseNetwork
{
    private readonly int[] _sizes;
    private readonly Activation[] _activations;
    private readonly float[] _parameters;
    private readonly float[][] _buffers;

    public NaiveDenseNetwork(NetworkArchitecture architecture, ReadOnlySpan<float> parameters)
    {
        _sizes = new int[architecture.Layers.Count + 1];
        _activations = new Activation[architecture.Layers.Count];
        _sizes[0] = architecture.InputSize;
        for (int l = 0; l < architecture.Layers.Count; l++)
        {
            _sizes[l + 1] = architecture.Layers[l].Units;
            _activations[l] = architecture.Layers[l].Activation;
        }

        _parameters = parameters.ToArray();
        _buffers = new float[_sizes.Length][];
        for (int i = 1; i < _sizes.Length; i++) _buffers[i] = new float[_sizes[i]];
    }

    public void Forward(float[] input, float[] output)
    {
        float[] a = input;
        int offset = 0;
        for (int l = 0; l < _activations.Length; l++)
        {
            int inputs = _sizes[l], units = _sizes[l + 1];
            float[] z = l == _activations.Length - 1 ? output : _buffers[l + 1];
            int biasOffset = offset + units * inputs;
            for (int j = 0; j < units; j++)
            {
                float sum = _parameters[biasOffset + j];
                int row = offset + j * inputs;
                for (int k = 0; k < inputs; k++) sum += _parameters[row + k] * a[k];
                z[j] = sum;
            }

            Activate(_activations[l], z);
            offset = biasOffset + units;
            a = z;
        }
    }

    private static void Activate(Activation activation, float[] z)
    {
        switch (activation)
        {
            case Activation.Relu:
                for (int i = 0; i < z.Length; i++) z[i] = Math.Max(0f, z[i]);
                break;
            case Activation.Tanh:
                for (int i = 0; i < z.Length; i++) z[i] = MathF.Tanh(z[i]);
                break;
            case Activation.Softmax:
                float max = float.NegativeInfinity, sum = 0;
                for (int i = 0; i < z.Length; i++) max = Math.Max(max, z[i]);
                for (int i = 0; i < z.Length; i++) sum += z[i] = MathF.Exp(z[i] - max);
                for (int i = 0; i < z.Length; i++) z[i] /= sum;
                break;
            case Activation.Identity:
                break;
            default:
                throw new NotSupportedException($"The naive baseline covers the benchmarked activations only, not {activation}.");
        }
    }
}
