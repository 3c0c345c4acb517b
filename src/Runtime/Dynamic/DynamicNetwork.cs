using System;
using System.IO;
using System.Threading;
using NetGen.Dynamic;
using NetGen.Kernels;

namespace NetGen;

/// <summary>
/// A dense network whose architecture is chosen at run time: the same layers, activations, losses, dropout,
/// initialisation, parameter layout and weight files as a class generated from <see cref="NetworkAttribute"/>, so
/// <c>Fit</c>, <c>Evaluate</c>, <c>Save</c>, <c>Load</c> and the optimizers work on it unchanged. Use it where the shape
/// changes while the program runs (a playground, a hyperparameter search); once the shape is settled,
/// <see cref="NetworkArchitecture.ToDeclaration"/> gives the attribute declaration of the equivalent generated class.
/// </summary>
/// <remarks>
/// <para><b>Same numbers.</b> For a generated class's <c>Architecture</c> and the same seed the parameters start
/// bit-identical (the same <see cref="WeightInitializer"/> streams), and dropout uses the same counter-based masks
/// (<see cref="DropoutMask"/>), so training follows the same trajectory. The matrix kernels sum in another order than
/// the generated ones, so outputs and gradients agree to float rounding rather than bit for bit.</para>
/// <para><b>Speed.</b> Examples run in blocks of 64 through the runtime's batched matrix kernels (on .NET 8+ with
/// Vector256 acceleration; <see cref="System.Numerics.Vector{T}"/> kernels otherwise) and the same vectorised
/// activation kernels as generated code. Each thread keeps one scratch buffer, so after a thread's first call nothing
/// allocates. Every member is as thread-safe as on a generated network.</para>
/// </remarks>
public sealed partial class DynamicNetwork : INetwork
{
    private const string TypeName = nameof(DynamicNetwork);

    private readonly NetworkArchitecture _architecture;
    private readonly LayerInfo[] _layers;
    private readonly AlignedParameters _parameters;   // cache-line aligned on .NET 8+, as generated networks' are
    private readonly float[] _gradients;
    private readonly ScratchPlan _plan;
    // Dropout streams handed out to the overloads without an explicit stream; Interlocked keeps them unique across threads.
    private long _dropoutStreams;

    /// <summary>
    /// Creates a network of <paramref name="architecture"/> with weights drawn from <paramref name="seed"/> as each
    /// layer's <see cref="LayerInfo.Init"/> says and biases 0: exactly what the generated class of the same architecture
    /// holds after <c>new MyNet(seed)</c>.
    /// </summary>
    /// <param name="architecture">The layers and loss; check it with the same rules the generator applies to attributes.</param>
    /// <param name="seed">Selects the initial weights, and the dropout masks during training.</param>
    /// <exception cref="ArgumentException">
    /// The architecture is one the generator would reject: Softmax on a hidden layer, a loss that does not fit the output
    /// activation, an alpha out of range or on an activation without one, a dropout rate outside [0, 1) or on the output layer.
    /// </exception>
    public DynamicNetwork(NetworkArchitecture architecture, int seed = 0)
    {
        if (architecture is null) throw new ArgumentNullException(nameof(architecture));
        ArchitectureRules.Check(architecture, nameof(architecture));
        _architecture = architecture;
        _layers = new LayerInfo[architecture.Layers.Count];
        for (int l = 0; l < _layers.Length; l++) _layers[l] = architecture.Layers[l];
        Seed = seed;
        _parameters = new AlignedParameters(architecture.ParameterCount);
        _gradients = new float[architecture.ParameterCount];
        _plan = new ScratchPlan(architecture);
        for (int l = 0; l < _layers.Length; l++)
        {
            LayerInfo layer = _layers[l];
            WeightInitializer.Fill(_parameters.Span.Slice(layer.ParameterOffset, layer.WeightCount), layer.Init, layer.Inputs, layer.Units, seed, l);
        }
    }

    /// <summary>Starts a <see cref="NetworkBuilder"/> for a network with <paramref name="inputSize"/> inputs.</summary>
    /// <param name="inputSize">The input vector length; at least 1.</param>
    public static NetworkBuilder Builder(int inputSize) => new(inputSize);

    /// <summary>
    /// Builds a network from a weight file NetGen saved: the architecture from the file's metadata
    /// (<c>netgen.architecture</c>), then the parameters, checked exactly as <see cref="WeightFileExtensions.Load"/> checks them.
    /// </summary>
    /// <param name="path">A safetensors file written by <see cref="WeightFileExtensions.Save"/>.</param>
    /// <returns>The network; its <see cref="LayerInfo.Init"/> values are the activations' defaults, as the file does not record the scheme the weights were first drawn with.</returns>
    /// <exception cref="InvalidDataException">The file is malformed, has no NetGen architecture metadata (PyTorch files do not), or its tensors do not fit that architecture.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static DynamicNetwork Load(string path) => Load(path, out _);

    /// <summary>As <see cref="Load(string)"/>, also returning what <see cref="WeightFileExtensions.Load"/> returns (the standardizer and metadata).</summary>
    /// <param name="path">A safetensors file written by <see cref="WeightFileExtensions.Save"/>.</param>
    /// <param name="file">The standardizer stored with the weights, if any, and the file's metadata.</param>
    /// <exception cref="InvalidDataException">The file is malformed, has no NetGen architecture metadata, or its tensors do not fit that architecture.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static DynamicNetwork Load(string path, out LoadResult file)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        var metadata = WeightFileExtensions.ReadMetadata(path);
        if (!metadata.TryGetValue(WeightFileMetadata.ArchitectureKey, out string? text))
            throw new InvalidDataException($"{path}: the file has no '{WeightFileMetadata.ArchitectureKey}' metadata, so it does not say which network it holds; load it into a network of known shape with INetwork.Load instead.");
        NetworkArchitecture architecture = ArchitectureText.Parse(text, out string? problem)
            ?? throw new InvalidDataException($"{path}: metadata '{WeightFileMetadata.ArchitectureKey}' ('{FieldText.Shorten(text)}') {problem}.");
        DynamicNetwork network;
        try
        {
            network = new DynamicNetwork(architecture);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: metadata '{WeightFileMetadata.ArchitectureKey}' describes a network NetGen cannot build: {e.Message}", e);
        }

        file = network.Load(path);
        return network;
    }

    /// <summary>The seed the weights were drawn from, which also selects the dropout masks.</summary>
    public int Seed { get; }

    /// <inheritdoc />
    public int InputSize => _architecture.InputSize;

    /// <inheritdoc />
    public int OutputSize => _architecture.OutputSize;

    /// <inheritdoc />
    public int ParameterCount => _parameters.Span.Length;

    /// <inheritdoc />
    public int LayerCount => _layers.Length;

    /// <inheritdoc />
    public NetworkArchitecture Architecture => _architecture;

    /// <inheritdoc />
    public Span<float> Parameters => _parameters.Span;

    /// <inheritdoc />
    public Span<float> Gradients => _gradients;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        if (input.Length != InputSize) NetworkArgument.ThrowWrongLength(nameof(input), input.Length, TypeName, nameof(InputSize), InputSize);
        if (output.Length != OutputSize) NetworkArgument.ThrowWrongLength(nameof(output), output.Length, TypeName, nameof(OutputSize), OutputSize);
        InferBlock(input, output, 1, ThreadScratch());
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The input has the wrong length.</exception>
    public int Classify(ReadOnlySpan<float> input)
    {
        if (input.Length != InputSize) NetworkArgument.ThrowWrongLength(nameof(input), input.Length, TypeName, nameof(InputSize), InputSize);
        float[] scratch = ThreadScratch();
        Span<float> output = scratch.AsSpan(_plan.ClassifyOutput, OutputSize);
        InferBlock(input, output, 1, scratch);
        int best = 0;
        for (int i = 1; i < output.Length; i++) if (output[i] > output[best]) best = i;
        return best;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="count"/> is negative or a span is too short.</exception>
    public void ForwardBatch(ReadOnlySpan<float> inputs, Span<float> outputs, int count)
    {
        if (count < 0) NetworkArgument.ThrowNegativeCount(nameof(count), count);
        NetworkArgument.CheckRows(inputs.Length, nameof(inputs), TypeName, nameof(InputSize), InputSize, count);
        NetworkArgument.CheckRows(outputs.Length, nameof(outputs), TypeName, nameof(OutputSize), OutputSize, count);
        float[] scratch = ThreadScratch();
        for (int first = 0; first < count; first += ScratchPlan.BlockSize)
        {
            int n = Math.Min(ScratchPlan.BlockSize, count - first);
            InferBlock(inputs.Slice(first * InputSize, n * InputSize), outputs.Slice(first * OutputSize, n * OutputSize), n, scratch);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public float AccumulateGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> target) => AccumulateGradients(input, target, _gradients);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public float AccumulateGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradients)
    {
        if (input.Length != InputSize) NetworkArgument.ThrowWrongLength(nameof(input), input.Length, TypeName, nameof(InputSize), InputSize);
        if (target.Length != OutputSize) NetworkArgument.ThrowWrongLength(nameof(target), target.Length, TypeName, nameof(OutputSize), OutputSize);
        if (gradients.Length != ParameterCount) NetworkArgument.ThrowWrongLength(nameof(gradients), gradients.Length, TypeName, nameof(ParameterCount), ParameterCount);
        ulong stream = (ulong)(Interlocked.Increment(ref _dropoutStreams) - 1);
        return (float)TrainBlock(input, target, 1, gradients, stream, Span<float>.Empty, ThreadScratch());
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="count"/> is negative or a span is too short.</exception>
    public float AccumulateGradientsBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count)
    {
        if (count < 0) NetworkArgument.ThrowNegativeCount(nameof(count), count);
        ulong stream = (ulong)(Interlocked.Add(ref _dropoutStreams, count) - count);
        return AccumulateGradientsBatch(inputs, targets, count, _gradients, stream);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="count"/> is negative or a span has the wrong length.</exception>
    public float AccumulateGradientsBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, Span<float> gradients, ulong dropoutStream) =>
        AccumulateGradientsBatch(inputs, targets, count, gradients, dropoutStream, Span<float>.Empty);

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="count"/> is negative or a span has the wrong length.</exception>
    public float AccumulateGradientsBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, Span<float> gradients, ulong dropoutStream, Span<float> outputs)
    {
        if (count < 0) NetworkArgument.ThrowNegativeCount(nameof(count), count);
        NetworkArgument.CheckRows(inputs.Length, nameof(inputs), TypeName, nameof(InputSize), InputSize, count);
        NetworkArgument.CheckRows(targets.Length, nameof(targets), TypeName, nameof(OutputSize), OutputSize, count);
        if (gradients.Length != ParameterCount) NetworkArgument.ThrowWrongLength(nameof(gradients), gradients.Length, TypeName, nameof(ParameterCount), ParameterCount);
        if (!outputs.IsEmpty) NetworkArgument.CheckRows(outputs.Length, nameof(outputs), TypeName, nameof(OutputSize), OutputSize, count);
        float[] scratch = ThreadScratch();
        // Summed in double so a large batch's total does not lose the small losses.
        double loss = 0;
        for (int first = 0; first < count; first += ScratchPlan.BlockSize)
        {
            int n = Math.Min(ScratchPlan.BlockSize, count - first);
            loss += TrainBlock(inputs.Slice(first * InputSize, n * InputSize), targets.Slice(first * OutputSize, n * OutputSize), n, gradients,
                dropoutStream + (ulong)first, outputs.IsEmpty ? outputs : outputs.Slice(first * OutputSize, n * OutputSize), scratch);
        }

        return (float)loss;
    }

    /// <inheritdoc />
    public void ZeroGradients() => Array.Clear(_gradients, 0, _gradients.Length);

    /// <summary>The same table a generated class's <c>Summary()</c> returns, with the model named <c>DynamicNetwork</c>.</summary>
    public string Summary() => _architecture.Summary(TypeName);

    /// <summary>The attribute declaration of the generated class that computes the same network; see <see cref="NetworkArchitecture.ToDeclaration"/>.</summary>
    /// <param name="className">The class to declare: a C# identifier.</param>
    /// <exception cref="ArgumentException"><paramref name="className"/> is not a C# identifier.</exception>
    public string ToDeclaration(string className) => _architecture.ToDeclaration(className);
}
