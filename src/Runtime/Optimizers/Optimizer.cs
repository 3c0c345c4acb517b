using System;

namespace NetGen;

/// <summary>
/// Updates a parameter vector from its gradient, one step at a time. Implementations follow PyTorch's <c>torch.optim</c>
/// update rules, so a step can be checked against PyTorch with the same hyperparameters.
/// </summary>
/// <remarks>
/// <para>An optimizer keeps per-parameter state (momentum, moment estimates). The state is sized on the first step and
/// is tied to that parameter count until <see cref="Reset"/>; a step with a different count throws. Reusing one
/// optimizer across several <c>Fit</c> calls on the same network continues training with the accumulated state.</para>
/// <para>Steps allocate nothing and are vectorised with <see cref="System.Numerics.Vector{T}"/>.</para>
/// <para>A derived optimizer declares how many state buffers it needs and implements <see cref="Apply"/> and
/// <see cref="StaysFinite"/> over a range of the parameter vector (the base class may call them on slices from several
/// threads at once, each slice with its own offset).</para>
/// </remarks>
public abstract class Optimizer
{
    private readonly float[][] _state;
    private float[][]? _nextState;   // training's written-apart step (StepInto): the state after the pending step
    private int _parameterCount = -1;
    private float _learningRate;

    /// <summary>Sets the learning rate and the number of per-parameter state buffers (each as long as the parameter vector).</summary>
    /// <exception cref="ArgumentException"><paramref name="learningRate"/> is NaN, infinite or not positive, or <paramref name="stateBufferCount"/> is negative.</exception>
    protected Optimizer(float learningRate, int stateBufferCount)
    {
        Hyperparameters.RequirePositive(learningRate, nameof(learningRate));
        if (stateBufferCount < 0)
            throw new ArgumentException($"stateBufferCount must be at least 0; it is {stateBufferCount}.", nameof(stateBufferCount));
        _learningRate = learningRate;
        _state = new float[stateBufferCount][];
        for (int i = 0; i < stateBufferCount; i++) _state[i] = Array.Empty<float>();
    }

    /// <summary>The step size; may be changed between steps (a schedule). Must be positive and finite.</summary>
    /// <exception cref="ArgumentException">The value is NaN, infinite or not positive.</exception>
    public float LearningRate
    {
        get => _learningRate;
        set
        {
            Hyperparameters.RequirePositive(value, nameof(LearningRate));
            _learningRate = value;
        }
    }

    /// <summary>The number of steps taken since construction or the last <see cref="Reset"/>.</summary>
    public long StepCount { get; private set; }

    /// <summary>The parameter count the state is sized for, or null before the first step (and after <see cref="Reset"/>).</summary>
    public int? ParameterCount => _parameterCount < 0 ? null : _parameterCount;

    /// <summary>Updates <paramref name="parameters"/> in place from <paramref name="gradients"/> (the gradient of the cost being minimised).</summary>
    /// <exception cref="ArgumentException">The spans differ in length, or the length differs from the one the state was sized for.</exception>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        Prepare(parameters.Length, gradients.Length);
        Apply(parameters, gradients, 0, StepCount + 1);
        StepCount++;
    }

    /// <summary>
    /// Takes the step only if every updated parameter and state value would be finite; otherwise changes nothing (neither
    /// the parameters nor the optimizer's state) and returns false. It costs one extra read-only pass over the vectors.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length, or the length differs from the one the state was sized for.</exception>
    public bool TryStep(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        Prepare(parameters.Length, gradients.Length);
        if (!StaysFinite(parameters, gradients, 0, StepCount + 1)) return false;
        Apply(parameters, gradients, 0, StepCount + 1);
        StepCount++;
        return true;
    }

    /// <summary>Forgets all state (moments, momentum, step count), so the next step may use any parameter count.</summary>
    public void Reset()
    {
        _parameterCount = -1;
        StepCount = 0;
        foreach (float[] buffer in _state) Array.Clear(buffer, 0, buffer.Length);
    }

    /// <summary>
    /// Applies step number <paramref name="step"/> (1 for the first) to the parameters <c>offset .. offset + parameters.Length</c>
    /// of the full vector. <see cref="State"/> with the same offset gives the matching state.
    /// </summary>
    protected abstract void Apply(Span<float> parameters, ReadOnlySpan<float> gradients, int offset, long step);

    /// <summary>
    /// Whether <see cref="Apply"/> with the same arguments would leave every parameter and state value finite, computed
    /// without writing anything. It must evaluate the same expressions as <see cref="Apply"/>, so the answer is exact.
    /// </summary>
    protected abstract bool StaysFinite(ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradients, int offset, long step);

    /// <summary>State buffer <paramref name="index"/> for the parameters <c>offset .. offset + length</c>; zero before the first step.</summary>
    protected Span<float> State(int index, int offset, int length) => _state[index].AsSpan(offset, length);

    /// <summary>
    /// Whether this optimizer can write a step to separate buffers (<see cref="StepInto"/>), which lets training check and
    /// compute a step in one pass and commit it afterwards. The built-in optimizers can; a derived optimizer outside this
    /// library goes through <see cref="StaysFinite"/> and <see cref="Apply"/> instead.
    /// </summary>
    private protected virtual bool CanStepInto => false;

    /// <summary>
    /// Step number <paramref name="step"/> for the slice at <paramref name="offset"/>, reading the parameters and state and
    /// writing the results to <paramref name="nextParameters"/> and <see cref="NextState"/>; returns whether all are finite.
    /// </summary>
    private protected virtual bool StepInto(ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradients, int offset, long step, Span<float> nextParameters) =>
        throw new NotSupportedException("This optimizer has no written-apart step.");

    /// <summary>The buffer that <see cref="StepInto"/> writes state <paramref name="index"/> to, for the parameters <c>offset .. offset + length</c>.</summary>
    private protected Span<float> NextState(int index, int offset, int length) => _nextState![index].AsSpan(offset, length);

    /// <summary>Sizes the state on first use and checks the lengths; used by <see cref="Step"/> and by training.</summary>
    internal void Prepare(int parameterLength, int gradientLength)
    {
        if (parameterLength != gradientLength)
            throw new ArgumentException($"There are {parameterLength} parameters but {gradientLength} gradients; they must match.");
        if (_parameterCount < 0)
        {
            for (int i = 0; i < _state.Length; i++)
            {
                if (_state[i].Length != parameterLength) _state[i] = new float[parameterLength];
                else Array.Clear(_state[i], 0, parameterLength);
            }

            _parameterCount = parameterLength;
        }
        else if (_parameterCount != parameterLength)
        {
            throw new ArgumentException(
                $"This optimizer's state is sized for {_parameterCount} parameters but the step has {parameterLength}; call Reset() to reuse it for another network.");
        }
    }

    /// <summary>Training's sliced form of <see cref="TryStep"/>, part 1: whether the slice at <paramref name="offset"/> would stay finite.</summary>
    internal bool SliceStaysFinite(ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradients, int offset) =>
        StaysFinite(parameters, gradients, offset, StepCount + 1);

    /// <summary>Training's sliced form of <see cref="Step"/>: applies the pending step to one slice; call <see cref="CompleteSlicedStep"/> once all slices are done.</summary>
    internal void ApplySlice(Span<float> parameters, ReadOnlySpan<float> gradients, int offset) =>
        Apply(parameters, gradients, offset, StepCount + 1);

    /// <summary>Counts the step whose slices <see cref="ApplySlice"/> has applied.</summary>
    internal void CompleteSlicedStep() => StepCount++;

    /// <summary>
    /// The hyperparameters besides the learning rate, as text; a training checkpoint records them (with the type and the
    /// learning rate) so that resuming with a differently configured optimizer is refused. Empty for optimizers outside NetGen.
    /// </summary>
    internal virtual string HyperparameterText => "";

    /// <summary>The number of per-parameter state buffers.</summary>
    internal int StateBufferCount => _state.Length;

    /// <summary>State buffer <paramref name="index"/> as a whole, for writing a checkpoint (read-only use).</summary>
    internal float[] StateBuffer(int index) => _state[index];

    /// <summary>Replaces the state and the step count with a checkpoint's; <see cref="Prepare"/> must have sized it for this length.</summary>
    internal void RestoreState(float[][] state, long stepCount)
    {
        for (int i = 0; i < _state.Length; i++) state[i].AsSpan().CopyTo(_state[i]);
        StepCount = stepCount;
    }

    /// <summary>Whether training may use <see cref="SliceStepInto"/>; sizes its buffers on first use (after <see cref="Prepare"/>).</summary>
    internal bool PrepareStepInto()
    {
        if (!CanStepInto) return false;
        if (_nextState is null || _nextState.Length != _state.Length || (_state.Length > 0 && _nextState[0].Length != _state[0].Length))
        {
            _nextState = new float[_state.Length][];
            for (int i = 0; i < _state.Length; i++) _nextState[i] = new float[_state[i].Length];
        }

        return true;
    }

    /// <summary>
    /// Training's one-pass step, part 1: computes the pending step for one slice into <paramref name="nextParameters"/>
    /// and the optimizer's next-state buffers, changing nothing else; returns whether every result is finite.
    /// </summary>
    internal bool SliceStepInto(ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradients, int offset, Span<float> nextParameters) =>
        StepInto(parameters, gradients, offset, StepCount + 1, nextParameters);

    /// <summary>
    /// Part 2, once every slice was finite (the caller copies the next parameters in): the next state becomes the state,
    /// by swapping the buffers, and the step is counted. Not called for a refused step, which so changes nothing.
    /// </summary>
    internal void CommitStepInto()
    {
        float[][] next = _nextState!;
        for (int i = 0; i < _state.Length; i++) (_state[i], next[i]) = (next[i], _state[i]);
        StepCount++;
    }

    /// <summary>A copy of the state, for tests that check a refused step changed nothing.</summary>
    internal float[][] CopyState()
    {
        var copy = new float[_state.Length][];
        for (int i = 0; i < _state.Length; i++) copy[i] = (float[])_state[i].Clone();
        return copy;
    }
}
