using System;
using System.Threading;

namespace NetGen.Tests.Reference;

/// <summary>
/// An <see cref="INetwork"/> over float parameter and gradient arrays whose maths is the double-precision
/// <see cref="ReferenceNetwork"/>: a slow, obviously-correct network for testing training code independently of the
/// generator. Every call snapshots the current float parameters into a fresh reference network, so callers may change
/// <see cref="Parameters"/> at any time and concurrent calls with their own gradient buffers are safe.
/// </summary>
/// <remarks>
/// Dropout: unit <c>j</c> of layer <c>l</c> is kept for dropout stream <c>s</c> when a uniform number derived from
/// <c>NetGenRandom.Mix</c> over (seed, s, l, j) is at least the rate, and survivors are scaled by <c>1 / (1 - rate)</c>.
/// </remarks>
public sealed class ReferenceNetworkAdapter : INetwork
{
    private readonly float[] _parameters;
    private readonly float[] _gradients;
    private readonly ulong _seed;
    private long _nextStream;

    /// <summary>A network with the given parameters (copied).</summary>
    public ReferenceNetworkAdapter(NetworkArchitecture architecture, ReadOnlySpan<float> parameters, int seed = 0)
    {
        Architecture = architecture;
        if (parameters.Length != architecture.ParameterCount)
            throw new ArgumentException($"Expected {architecture.ParameterCount} parameters, got {parameters.Length}.", nameof(parameters));
        _parameters = parameters.ToArray();
        _gradients = new float[parameters.Length];
        _seed = NetGenRandom.Mix((ulong)(long)seed);
    }

    /// <summary>A network initialised like <c>Init.Auto</c> (He for the ReLU family, LeCun for Selu, Glorot otherwise; biases 0) from <paramref name="seed"/>.</summary>
    public ReferenceNetworkAdapter(NetworkArchitecture architecture, int seed)
        : this(architecture, Initialise(architecture, seed), seed)
    {
    }

    public NetworkArchitecture Architecture { get; }

    public int InputSize => Architecture.InputSize;

    public int OutputSize => Architecture.OutputSize;

    public int ParameterCount => Architecture.ParameterCount;

    public int LayerCount => Architecture.Layers.Count;

    public Span<float> Parameters => _parameters;

    public Span<float> Gradients => _gradients;

    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckLength(input.Length, InputSize, nameof(input));
        CheckLength(output.Length, OutputSize, nameof(output));
        double[] y = Snapshot().Forward(Widen(input));
        for (int k = 0; k < y.Length; k++) output[k] = (float)y[k];
    }

    public int Classify(ReadOnlySpan<float> input)
    {
        Span<float> output = stackalloc float[OutputSize];
        Forward(input, output);
        int best = 0;
        for (int k = 1; k < output.Length; k++)
            if (output[k] > output[best]) best = k;
        return best;
    }

    public void ForwardBatch(ReadOnlySpan<float> inputs, Span<float> outputs, int count)
    {
        CheckBatch(inputs.Length, count, InputSize, nameof(inputs));
        CheckBatch(outputs.Length, count, OutputSize, nameof(outputs));
        ReferenceNetwork net = Snapshot();
        for (int i = 0; i < count; i++)
        {
            double[] y = net.Forward(Widen(inputs.Slice(i * InputSize, InputSize)));
            for (int k = 0; k < y.Length; k++) outputs[i * OutputSize + k] = (float)y[k];
        }
    }

    public float AccumulateGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> target) =>
        AccumulateGradients(input, target, _gradients);

    public float AccumulateGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradients) =>
        AccumulateGradientsBatch(input, target, 1, gradients, (ulong)Interlocked.Increment(ref _nextStream) << 32);

    public float AccumulateGradientsBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count) =>
        AccumulateGradientsBatch(inputs, targets, count, _gradients, (ulong)Interlocked.Increment(ref _nextStream) << 32);

    public float AccumulateGradientsBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, Span<float> gradients, ulong dropoutStream)
    {
        CheckBatch(inputs.Length, count, InputSize, nameof(inputs));
        CheckBatch(targets.Length, count, OutputSize, nameof(targets));
        CheckLength(gradients.Length, ParameterCount, nameof(gradients));
        ReferenceNetwork net = Snapshot();
        var sum = new double[ParameterCount];
        double loss = 0;
        for (int i = 0; i < count; i++)
        {
            loss += net.Backward(Widen(inputs.Slice(i * InputSize, InputSize)), Widen(targets.Slice(i * OutputSize, OutputSize)), sum,
                DropoutMasks(dropoutStream + (ulong)i));
        }

        for (int p = 0; p < sum.Length; p++) gradients[p] += (float)sum[p];
        return (float)loss;
    }

    /// <summary>The gradient as the 5-argument overload, and the outputs of a plain forward pass (the reference has no dropout-active forward).</summary>
    public float AccumulateGradientsBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, Span<float> gradients, ulong dropoutStream, Span<float> outputs)
    {
        float loss = AccumulateGradientsBatch(inputs, targets, count, gradients, dropoutStream);
        if (!outputs.IsEmpty) ForwardBatch(inputs, outputs, count);
        return loss;
    }

    public void ZeroGradients() => Array.Clear(_gradients, 0, _gradients.Length);

    public string Summary() => Architecture.ToString();

    /// <summary>The dropout masks for one stream, as <see cref="ReferenceNetwork"/> takes them (null when no layer drops out).</summary>
    public double[][]? DropoutMasks(ulong stream)
    {
        double[][]? masks = null;
        for (int l = 0; l < Architecture.Layers.Count; l++)
        {
            LayerInfo layer = Architecture.Layers[l];
            if (layer.DropoutRate == 0) continue;
            masks ??= new double[Architecture.Layers.Count][];
            masks[l] = new double[layer.Units];
            ulong layerKey = NetGenRandom.Mix(NetGenRandom.Mix(_seed ^ stream) ^ (ulong)l);
            for (int j = 0; j < layer.Units; j++)
            {
                double u = (NetGenRandom.Mix(layerKey ^ (ulong)j) >> 11) * (1.0 / (1UL << 53));
                masks[l][j] = u >= layer.DropoutRate ? 1.0 / (1.0 - layer.DropoutRate) : 0.0;
            }
        }

        return masks;
    }

    private ReferenceNetwork Snapshot() => new(Architecture, _parameters);

    private static double[] Widen(ReadOnlySpan<float> values)
    {
        var d = new double[values.Length];
        for (int i = 0; i < d.Length; i++) d[i] = values[i];
        return d;
    }

    private static float[] Initialise(NetworkArchitecture architecture, int seed)
    {
        var p = new float[architecture.ParameterCount];
        var random = new NetGenRandom((ulong)(long)seed);
        foreach (LayerInfo layer in architecture.Layers)
        {
            double scale = layer.Activation switch
            {
                Activation.Relu or Activation.LeakyRelu or Activation.Elu => Math.Sqrt(2.0 / layer.Inputs),
                Activation.Selu => Math.Sqrt(1.0 / layer.Inputs),
                _ => Math.Sqrt(2.0 / (layer.Inputs + layer.Units)),
            };
            for (int i = 0; i < layer.WeightCount; i++) p[layer.ParameterOffset + i] = (float)(random.NextNormal() * scale);
        }

        return p;
    }

    private static void CheckLength(int actual, int expected, string name)
    {
        if (actual != expected) throw new ArgumentException($"{name} has length {actual}; expected {expected}.", name);
    }

    private static void CheckBatch(int actual, int count, int width, string name)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be at least 0.");
        CheckLength(actual, count * width, name);
    }
}
