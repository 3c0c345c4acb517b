using System;
using System.Collections.Generic;
using System.Diagnostics;
using NetGen.Kernels;

namespace NetGen;

/// <summary>
/// One <see cref="NetworkTraining.Fit"/> call: the buffers, the worker pool and the epoch loop. Everything a batch needs is
/// allocated here, once, so the batch loop allocates nothing.
/// </summary>
/// <remarks>
/// A batch runs in three stages on every worker, with a barrier after each:
/// <list type="number">
/// <item><description>accumulate: copy this worker's contiguous chunk of the (shuffled) batch into the staging buffers and
/// accumulate its gradient into the worker's own buffer;</description></item>
/// <item><description>reduce: for this worker's slice of the parameter vector, block by block, sum the workers' buffers in
/// worker order, scale by <c>1/m</c>, add the L2 and L1 terms, check finiteness, and compute the optimizer step into
/// separate buffers (the built-in optimizers: one pass while the block is in L1) or only check that it would stay finite
/// (a derived optimizer);</description></item>
/// <item><description>apply (only if the main thread found everything finite): copy the computed parameters in and let the
/// optimizer swap in its next state, or run the derived optimizer's step on this worker's slice.</description></item>
/// </list>
/// A refused step so changes neither the parameters nor the optimizer's state.
/// </remarks>
internal sealed class Trainer : IStagedJob, IDisposable
{
    private const int AccumulateStage = 0, ReduceStage = 1, ApplyStage = 2;
    private const int BlockSize = 4096;      // reduction block: the workers' buffers, gradient and parameters stay in L1/L2 while the optimizer check reads them
    private const int SliceAlignment = 64;   // parameter slices start on whole vectors of any width

    private readonly INetwork _network;
    private readonly Dataset _train;
    private readonly TrainingOptions _options;
    private readonly Optimizer _optimizer;
    private readonly OutputScoring _scoring;
    private readonly bool _measureAccuracy;
    private readonly int _inputs, _outputs, _workers, _batchSize;
    // The staged inputs and the workers' gradients are cache-line aligned (AlignedParameters), so the batch kernels read
    // and write them in whole cache lines instead of copying them first.
    private readonly AlignedParameters _batchInputs;
    private readonly float[] _batchTargets, _batchOutputs, _gradient;
    // One-pass steps (optimizers that can write a step apart): the reduce stage computes the step block by block into
    // _nextParameters and the optimizer's next state while the block's gradient is still in L1, and the apply stage only
    // copies it in. Otherwise the gradient goes to _gradient and the optimizer checks, then applies, in two more passes.
    private readonly bool _onePassStep;
    private readonly float[] _nextParameters;
    private readonly float[][] _blockGradients;
    private readonly AlignedParameters[] _workerGradients;
    private readonly double[] _workerLoss, _workerSquares, _workerAbsolutes;
    private readonly long[] _workerCorrect;
    private readonly bool[] _workerGradientFinite, _workerStepFinite;
    private readonly int[] _sliceStart;
    private readonly int[] _order;
    private readonly ParameterSegment[] _segments;
    private readonly TrainingWorkerPool _pool;

    private int _batchStart, _batchCount;
    private ulong _dropoutBase;

    public Trainer(INetwork network, Dataset train, TrainingOptions options, Optimizer optimizer)
    {
        _network = network;
        _train = train;
        _options = options;
        _optimizer = optimizer;
        _scoring = OutputScoring.For(network.Architecture, train);
        _measureAccuracy = options.MeasureTrainingAccuracy && _scoring.MeasuresAccuracy;
        _inputs = network.InputSize;
        _outputs = network.OutputSize;
        _batchSize = Math.Min(options.BatchSize, train.Count);
        _workers = Workers(options, train);

        int parameters = network.ParameterCount;
        _batchInputs = new AlignedParameters(_batchSize * _inputs);
        _batchTargets = new float[_batchSize * _outputs];
        _batchOutputs = _measureAccuracy ? new float[_batchSize * _outputs] : Array.Empty<float>();
        _onePassStep = optimizer.PrepareStepInto();
        _gradient = _onePassStep ? Array.Empty<float>() : new float[parameters];
        _nextParameters = _onePassStep ? new float[parameters] : Array.Empty<float>();
        _blockGradients = new float[_workers][];
        for (int w = 0; w < _workers; w++) _blockGradients[w] = _onePassStep ? new float[BlockSize] : Array.Empty<float>();
        _workerGradients = new AlignedParameters[_workers];
        for (int w = 0; w < _workers; w++) _workerGradients[w] = new AlignedParameters(parameters);
        _workerLoss = new double[_workers];
        _workerSquares = new double[_workers];
        _workerAbsolutes = new double[_workers];
        _workerCorrect = new long[_workers];
        _workerGradientFinite = new bool[_workers];
        _workerStepFinite = new bool[_workers];
        _sliceStart = new int[_workers + 1];
        for (int w = 0; w < _workers; w++) _sliceStart[w] = (int)((long)parameters * w / _workers / SliceAlignment * SliceAlignment);
        _sliceStart[_workers] = parameters;
        _order = new int[train.Count];
        _segments = Segments(network.Architecture);
        _pool = new TrainingWorkerPool(_workers, this);
    }

    /// <summary>The worker count a call with these options resolves to (what a checkpoint records as the thread count).</summary>
    public static int Workers(TrainingOptions options, Dataset train) =>
        Math.Max(1, Math.Min(options.Threads == 0 ? Environment.ProcessorCount : options.Threads, Math.Min(options.BatchSize, train.Count)));

    /// <summary>
    /// Runs the epochs after <paramref name="resume"/>'s (all of them without one; Fit has already put its parameters and
    /// optimizer state in place), writing a checkpoint as the options ask when <paramref name="compatibility"/> is given.
    /// </summary>
    public TrainingHistory Train(TrainingCheckpoint? resume, IReadOnlyList<KeyValuePair<string, string>>? compatibility)
    {
        var epochs = new List<EpochResult>();
        int examples = _train.Count;
        int batches = (examples + _batchSize - 1) / _batchSize;
        int patience = _options.EarlyStoppingPatience;
        float[]? bestParameters = patience > 0 ? new float[_network.ParameterCount] : null;
        ulong seed = NetGenRandom.Mix((ulong)(long)_options.Seed);
        double lastFiniteLoss = double.NaN, bestLoss = double.PositiveInfinity;
        int? bestEpoch = null;
        int epochsSinceBest = 0, firstEpoch = 1;
        bool cancelled = false, stoppedEarly = false;
        if (resume is not null)
        {
            epochs.AddRange(resume.History);
            if (bestParameters is not null && resume.BestParameters is not null) resume.BestParameters.AsSpan().CopyTo(bestParameters);
            lastFiniteLoss = resume.LastFiniteLoss;
            bestLoss = resume.BestLoss;
            bestEpoch = resume.BestEpoch;
            epochsSinceBest = resume.EpochsSinceBest;
            // A checkpoint written as the last epoch of a shorter call may have run out of patience without stopping.
            stoppedEarly = resume.StoppedEarly || (patience > 0 && epochsSinceBest >= patience && resume.Epoch < _options.Epochs);
            firstEpoch = resume.Epoch + 1;
        }

        try
        {
            for (int epoch = firstEpoch; epoch <= _options.Epochs && !cancelled && !stoppedEarly; epoch++)
            {
                long started = Stopwatch.GetTimestamp();
                Shuffle(seed, epoch);
                // Dropout stream of the example at position p of this epoch: _dropoutBase + p, whichever worker runs it.
                _dropoutBase = NetGenRandom.Mix(seed ^ NetGenRandom.Mix(2 * (ulong)epoch + 1));
                double lossTotal = 0;
                long correct = 0;
                int done = 0;
                for (int batch = 1; batch <= batches; batch++)
                {
                    if (_options.CancellationToken.IsCancellationRequested)
                    {
                        cancelled = true;
                        break;
                    }

                    _batchStart = (batch - 1) * _batchSize;
                    _batchCount = Math.Min(_batchSize, examples - _batchStart);
                    double cost = TrainBatch(epoch, batch, lastFiniteLoss);
                    lastFiniteLoss = cost;
                    lossTotal += cost * _batchCount;
                    done += _batchCount;
                    for (int w = 0; w < _workers; w++) correct += _workerCorrect[w];
                    _options.BatchProgress?.Report(new BatchProgress(epoch, _options.Epochs, batch, batches, done, examples, lossTotal / done,
                        _measureAccuracy ? (double)correct / ((long)done * _scoring.UnitsPerExample) : double.NaN, Seconds(started)));
                }

                if (cancelled) break;
                Evaluation? validation = _options.Validation is { } set ? NetworkTraining.EvaluateChecked(_network, set, _workers) : null;
                var result = new EpochResult(epoch, lossTotal / examples,
                    _measureAccuracy ? (double)correct / ((long)examples * _scoring.UnitsPerExample) : null,
                    validation?.Loss, validation?.Accuracy, Seconds(started));
                epochs.Add(result);
                if (validation is not null)
                {
                    if (validation.Loss < bestLoss)
                    {
                        bestLoss = validation.Loss;
                        bestEpoch = epoch;
                        epochsSinceBest = 0;
                        if (bestParameters is not null) _network.Parameters.CopyTo(bestParameters);
                    }
                    else
                    {
                        epochsSinceBest++;
                    }
                }

                if (patience > 0 && epochsSinceBest >= patience && epoch < _options.Epochs) stoppedEarly = true;
                if (compatibility is not null && (epoch % _options.CheckpointEveryEpochs == 0 || epoch == _options.Epochs || stoppedEarly))
                {
                    new TrainingCheckpoint(epoch, _network.Parameters.ToArray(), CopyOptimizerState(), _optimizer.StepCount,
                            bestEpoch is null ? null : (float[]?)bestParameters?.Clone(), bestLoss, bestEpoch, epochsSinceBest, stoppedEarly,
                            lastFiniteLoss, epochs.ToArray())
                        .Write(_options.CheckpointPath!, compatibility, _options.Seed);
                }

                _options.Progress?.Report(result);
            }
        }
        catch (TrainingDivergedException) when (bestParameters is not null && bestEpoch is not null)
        {
            // Early stopping promises the best epoch's parameters however training ends; a divergence is an ending too.
            // The optimizer's state stays as it was before the refused step.
            bestParameters.AsSpan().CopyTo(_network.Parameters);
            throw;
        }

        bool restored = bestParameters is not null && bestEpoch is not null;
        if (restored) bestParameters.AsSpan().CopyTo(_network.Parameters);
        return new TrainingHistory(epochs.ToArray(), bestEpoch, stoppedEarly, cancelled, restored);
    }

    private float[][] CopyOptimizerState()
    {
        var state = new float[_optimizer.StateBufferCount][];
        for (int i = 0; i < state.Length; i++) state[i] = (float[])_optimizer.StateBuffer(i).Clone();
        return state;
    }

    public void Dispose() => _pool.Dispose();

    void IStagedJob.Execute(int worker, int stage)
    {
        switch (stage)
        {
            case AccumulateStage:
                Accumulate(worker);
                break;
            case ReduceStage:
                Reduce(worker);
                break;
            default:
                int start = _sliceStart[worker], length = _sliceStart[worker + 1] - start;
                if (_onePassStep) _nextParameters.AsSpan(start, length).CopyTo(_network.Parameters.Slice(start, length));
                else _optimizer.ApplySlice(_network.Parameters.Slice(start, length), _gradient.AsSpan(start, length), start);
                break;
        }
    }

    /// <summary>Trains on the current batch; returns its cost or throws, before the step, if anything is not finite.</summary>
    private double TrainBatch(int epoch, int batch, double lastFiniteLoss)
    {
        _pool.Run(AccumulateStage, 2);
        double lossSum = 0, squares = 0, absolutes = 0;
        bool gradientFinite = true, stepFinite = true;
        for (int w = 0; w < _workers; w++)
        {
            lossSum += _workerLoss[w];
            squares += _workerSquares[w];
            absolutes += _workerAbsolutes[w];
            gradientFinite &= _workerGradientFinite[w];
            stepFinite &= _workerStepFinite[w];
        }

        int m = _batchCount;
        double cost = lossSum / m + (_options.L2 > 0 ? _options.L2 / (2.0 * m) * squares : 0) + (_options.L1 > 0 ? _options.L1 / (double)m * absolutes : 0);
        if (!double.IsFinite(cost))
            throw new TrainingDivergedException(epoch, batch, lastFiniteLoss, $"the batch loss is {cost}");
        if (!gradientFinite) throw new TrainingDivergedException(epoch, batch, lastFiniteLoss, "a gradient is NaN or infinite");
        if (!stepFinite)
            throw new TrainingDivergedException(epoch, batch, lastFiniteLoss, "the optimizer step would make a parameter or the optimizer's state NaN or infinite");

        _pool.Run(ApplyStage, 1);
        if (_onePassStep) _optimizer.CommitStepInto();
        else _optimizer.CompleteSlicedStep();
        return cost;
    }

    private void Accumulate(int worker)
    {
        int from = (int)((long)_batchCount * worker / _workers), to = (int)((long)_batchCount * (worker + 1) / _workers);
        int n = to - from;
        _workerLoss[worker] = 0;
        _workerCorrect[worker] = 0;
        if (n == 0) return;
        for (int r = from; r < to; r++)
        {
            int example = _order[_batchStart + r];
            _train.Features(example).CopyTo(_batchInputs.Span.Slice(r * _inputs, _inputs));
            _train.Target(example).CopyTo(_batchTargets.AsSpan(r * _outputs, _outputs));
        }

        ReadOnlySpan<float> inputs = _batchInputs.Span.Slice(from * _inputs, n * _inputs);
        ReadOnlySpan<float> targets = _batchTargets.AsSpan(from * _outputs, n * _outputs);
        // Training accuracy is scored from the outputs of this same training pass (as Keras does), not a second one.
        Span<float> outputs = _measureAccuracy ? _batchOutputs.AsSpan(from * _outputs, n * _outputs) : Span<float>.Empty;
        _workerLoss[worker] = _network.AccumulateGradientsBatch(inputs, targets, n, _workerGradients[worker].Span, _dropoutBase + (ulong)(_batchStart + from), outputs);
        if (_measureAccuracy) _workerCorrect[worker] = _scoring.CorrectInRows(outputs, targets, n, _outputs);
    }

    private void Reduce(int worker)
    {
        int start = _sliceStart[worker], end = _sliceStart[worker + 1];
        Span<float> parameters = _network.Parameters;
        float scale = 1f / _batchCount, l2Scale = _options.L2 / _batchCount, l1Scale = _options.L1 / _batchCount;
        double squares = 0, absolutes = 0;
        float nonFinite = 0;
        bool stepFinite = true;
        for (int block = start; block < end; block += BlockSize)
        {
            int blockEnd = Math.Min(block + BlockSize, end), length = blockEnd - block;
            // The block's gradient: the worker's own block buffer (one-pass steps), else its place in the full gradient.
            Span<float> gradient = _onePassStep ? _blockGradients[worker].AsSpan(0, length) : _gradient.AsSpan(block, length);
            GradientMath.SumAndClear(gradient, _workerGradients, block);
            foreach (ParameterSegment segment in _segments)
            {
                int from = Math.Max(segment.Start, block), to = Math.Min(segment.End, blockEnd);
                if (from >= to) continue;
                Span<float> part = gradient.Slice(from - block, to - from);
                nonFinite += GradientMath.Finish(part, parameters.Slice(from, to - from), scale, segment.IsRegularized ? l2Scale : 0, ref squares);
                if (segment.IsRegularized && l1Scale != 0)
                    nonFinite += GradientMath.AddL1(part, parameters.Slice(from, to - from), l1Scale, ref absolutes);
            }

            // Once a gradient is non-finite the batch is rejected anyway; skip the step. The rest must still be summed and cleared.
            if (nonFinite != 0 || !stepFinite) continue;
            stepFinite = _onePassStep
                ? _optimizer.SliceStepInto(parameters.Slice(block, length), gradient, block, _nextParameters.AsSpan(block, length))
                : _optimizer.SliceStaysFinite(parameters.Slice(block, length), gradient, block);
        }

        _workerSquares[worker] = squares;
        _workerAbsolutes[worker] = absolutes;
        _workerGradientFinite[worker] = nonFinite == 0;
        _workerStepFinite[worker] = stepFinite;
    }

    private void Shuffle(ulong seed, int epoch)
    {
        for (int i = 0; i < _order.Length; i++) _order[i] = i;
        var random = new NetGenRandom(NetGenRandom.Mix(seed ^ NetGenRandom.Mix(2 * (ulong)epoch)));
        random.Shuffle(_order.AsSpan());
    }

    private static double Seconds(long startTimestamp) => (double)(Stopwatch.GetTimestamp() - startTimestamp) / Stopwatch.Frequency;

    /// <summary>Every layer's parameter tensors in order, and whether regularisation applies to each (weights yes, biases no).</summary>
    private static ParameterSegment[] Segments(NetworkArchitecture architecture)
    {
        var segments = new List<ParameterSegment>(architecture.Layers.Count * 2);
        foreach (LayerInfo layer in architecture.Layers)
            foreach (ParameterTensor tensor in layer.Tensors)
                segments.Add(new ParameterSegment(tensor.Offset, tensor.End, tensor.IsRegularized));
        return segments.ToArray();
    }

    private readonly struct ParameterSegment
    {
        public ParameterSegment(int start, int end, bool isRegularized)
        {
            Start = start;
            End = end;
            IsRegularized = isRegularized;
        }

        public int Start { get; }

        public int End { get; }

        public bool IsRegularized { get; }
    }
}
