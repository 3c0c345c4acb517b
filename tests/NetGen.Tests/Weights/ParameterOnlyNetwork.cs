using System;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Weights;

/// <summary>
/// A stand-in <see cref="INetwork"/> with real parameters and architecture, so weight files can be tested before the
/// generator emits networks. Forward runs the independent double-precision reference; training members are not needed here.
/// </summary>
public sealed class ParameterOnlyNetwork : INetwork
{
    private readonly float[] _parameters;

    public ParameterOnlyNetwork(NetworkArchitecture architecture, ulong seed = 0)
    {
        Architecture = architecture;
        _parameters = new float[architecture.ParameterCount];
        var random = new NetGenRandom(seed);
        for (int i = 0; i < _parameters.Length; i++) _parameters[i] = (float)random.NextNormal();
    }

    /// <summary>An architecture from (units, activation) pairs, with the loss that <c>Loss.Auto</c> would pick.</summary>
    public static NetworkArchitecture Describe(int inputs, params (int Units, Activation Activation)[] layers)
    {
        var infos = new LayerInfo[layers.Length];
        int fanIn = inputs, offset = 0;
        for (int i = 0; i < layers.Length; i++)
        {
            infos[i] = new LayerInfo(fanIn, layers[i].Units, layers[i].Activation, 0f, 0f, offset);
            offset += infos[i].ParameterCount;
            fanIn = layers[i].Units;
        }

        Activation last = layers[^1].Activation;
        Loss loss = last == Activation.Softmax ? Loss.CategoricalCrossEntropy : last == Activation.Sigmoid ? Loss.BinaryCrossEntropy : Loss.MeanSquaredError;
        return new NetworkArchitecture(inputs, loss, infos);
    }

    public int InputSize => Architecture.InputSize;

    public int OutputSize => Architecture.OutputSize;

    public int ParameterCount => Architecture.ParameterCount;

    public int LayerCount => Architecture.Layers.Count;

    public NetworkArchitecture Architecture { get; }

    public Span<float> Parameters => _parameters;

    public Span<float> Gradients => throw new NotSupportedException();

    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        var x = new double[input.Length];
        for (int i = 0; i < x.Length; i++) x[i] = input[i];
        double[] y = new ReferenceNetwork(Architecture, _parameters).Forward(x);
        for (int i = 0; i < y.Length; i++) output[i] = (float)y[i];
    }

    public int Classify(ReadOnlySpan<float> input) => throw new NotSupportedException();

    public void ForwardBatch(ReadOnlySpan<float> inputs, Span<float> outputs, int count) => throw new NotSupportedException();

    public float AccumulateGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> target) => throw new NotSupportedException();

    public float AccumulateGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradients) => throw new NotSupportedException();

    public float AccumulateGradientsBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count) => throw new NotSupportedException();

    public float AccumulateGradientsBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, Span<float> gradients, ulong dropoutStream) =>
        throw new NotSupportedException();

    public float AccumulateGradientsBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, Span<float> gradients, ulong dropoutStream, Span<float> outputs) =>
        throw new NotSupportedException();

    public void ZeroGradients() => throw new NotSupportedException();

    public string Summary() => Architecture.ToString();
}
