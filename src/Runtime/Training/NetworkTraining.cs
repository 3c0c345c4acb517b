using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace NetGen;

/// <summary>Training and evaluation for any <see cref="INetwork"/>.</summary>
public static class NetworkTraining
{
    private const int EvaluationChunk = 256;

    /// <summary>
    /// Trains <paramref name="network"/> on <paramref name="train"/> with mini-batch gradient descent: each epoch shuffles
    /// the examples (from <see cref="TrainingOptions.Seed"/>), and each batch of <c>m</c> examples takes one optimizer step
    /// on the gradient of the batch cost <c>(1/m) * sum of the examples' losses + (L2/(2m)) * sum W^2 + (L1/m) * sum |W|</c>
    /// (weights only, not biases; see <see cref="TrainingOptions.L2"/> and <see cref="TrainingOptions.L1"/>).
    /// </summary>
    /// <returns>One <see cref="EpochResult"/> per completed epoch, and how training ended.</returns>
    /// <remarks>
    /// <para><b>Threads.</b> Each batch is split into contiguous chunks, one per thread; each thread accumulates its chunk's
    /// gradient into its own buffer (dropout streams follow the example's position in the epoch, not the thread), and the
    /// buffers are summed in a fixed order. So one seed and one thread count give bit-identical parameters; other thread
    /// counts agree up to the rounding of that sum. The threads persist for the call; a batch allocates nothing. Training
    /// uses its own gradient buffers and leaves <see cref="INetwork.Gradients"/> untouched. With
    /// <see cref="TrainingOptions.MeasureTrainingAccuracy"/> the workers score their rows from the outputs their training
    /// pass wrote (the outputs overload of <c>AccumulateGradientsBatch</c>).</para>
    /// <para><b>Divergence.</b> A NaN or infinite batch cost or gradient, or an optimizer step that would make a parameter or
    /// the optimizer's state non-finite, throws <see cref="TrainingDivergedException"/> before the step, leaving the
    /// parameters and the optimizer's state as they were after the previous batch. (The step is checked by evaluating it
    /// without writing first: one extra read-only pass over the parameters, fused with the gradient reduction.)</para>
    /// <para><b>Cancellation.</b> <see cref="TrainingOptions.CancellationToken"/> is checked before each batch; training then
    /// returns with <see cref="TrainingHistory.Cancelled"/> set (it does not throw) and the network holds the parameters
    /// after the last completed batch, or the best epoch's when early stopping is on.</para>
    /// <para><b>Early stopping.</b> With <see cref="TrainingOptions.EarlyStoppingPatience"/> above 0, training stops after that
    /// many epochs without a lower validation loss, and however it ends (early, after the last epoch, or cancelled) the
    /// network is left with the parameters of the epoch with the lowest validation loss. That includes a divergence: with
    /// early stopping on and at least one validated epoch, <see cref="TrainingDivergedException"/> is thrown after the
    /// best epoch's parameters are restored (the optimizer's state stays as before the refused step).</para>
    /// <para><b>Checkpoints.</b> With <see cref="TrainingOptions.CheckpointPath"/> set, a checkpoint is written atomically
    /// every <see cref="TrainingOptions.CheckpointEveryEpochs"/> epochs and after the last, and an existing one is resumed
    /// from (see <see cref="TrainingOptions.CheckpointPath"/> for what must match).</para>
    /// <para><b>Sharing.</b> Fit changes the parameters in place: other threads must not call inference on the same
    /// network meanwhile (their outputs would mix two parameter states). A second Fit on a network that a Fit is already
    /// training throws <see cref="InvalidOperationException"/> at once.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">
    /// The data does not fit the network (feature or target width), a dataset is empty or holds a NaN or infinite value,
    /// or an option is out of range; thrown before any parameter changes, with the numbers involved.
    /// </exception>
    /// <exception cref="TrainingDivergedException">Training diverged (see remarks).</exception>
    /// <exception cref="InvalidDataException">The checkpoint at <see cref="TrainingOptions.CheckpointPath"/> is damaged or from an incompatible call; nothing changed.</exception>
    /// <exception cref="InvalidOperationException">Another Fit call is training this network.</exception>
    /// <exception cref="IOException">A checkpoint could not be written (for example, the disk is full); the previous one is unchanged.</exception>
    public static TrainingHistory Fit(this INetwork network, Dataset train, TrainingOptions options)
    {
        if (network is null) throw new ArgumentNullException(nameof(network));
        if (train is null) throw new ArgumentNullException(nameof(train));
        if (options is null) throw new ArgumentNullException(nameof(options));
        CheckFits(network, train, "training set", nameof(train));
        if (options.Epochs < 1) throw OptionError($"Epochs must be at least 1; it is {options.Epochs}.", nameof(options.Epochs));
        if (options.BatchSize < 1) throw OptionError($"BatchSize must be at least 1; it is {options.BatchSize}.", nameof(options.BatchSize));
        if (options.Threads < 0) throw OptionError($"Threads must be 0 (all cores) or more; it is {options.Threads}.", nameof(options.Threads));
        Hyperparameters.RequireNonNegative(options.L2, nameof(options.L2), OptionParameter(nameof(options.L2)));
        Hyperparameters.RequireNonNegative(options.L1, nameof(options.L1), OptionParameter(nameof(options.L1)));
        if (options.EarlyStoppingPatience < 0)
            throw OptionError($"EarlyStoppingPatience must be 0 (off) or more; it is {options.EarlyStoppingPatience}.", nameof(options.EarlyStoppingPatience));
        if (options.Validation is { } validation) CheckFits(network, validation, "validation set", nameof(options.Validation));
        else if (options.EarlyStoppingPatience > 0)
            throw OptionError($"EarlyStoppingPatience is {options.EarlyStoppingPatience} but there is no Validation set to watch.", nameof(options.Validation));
        if (network.Parameters.Length != network.ParameterCount || network.Gradients.Length != network.ParameterCount)
            throw new ArgumentException(
                $"The network reports {network.ParameterCount} parameters but exposes {network.Parameters.Length} parameters and {network.Gradients.Length} gradients.",
                nameof(network));

        if (options.CheckpointEveryEpochs < 1)
            throw OptionError($"CheckpointEveryEpochs must be at least 1; it is {options.CheckpointEveryEpochs}.", nameof(options.CheckpointEveryEpochs));
        if (options.CheckpointPath is { Length: 0 })
            throw OptionError("CheckpointPath is empty; use null for no checkpoints.", nameof(options.CheckpointPath));

        using TrainingGuard guard = TrainingGuard.Enter(network);
        Optimizer optimizer = options.Optimizer ?? new Adam();
        optimizer.Prepare(network.ParameterCount, network.ParameterCount); // throws if sized for another network
        List<KeyValuePair<string, string>>? compatibility = null;
        TrainingCheckpoint? resume = null;
        if (options.CheckpointPath is { } checkpointPath)
        {
            compatibility = TrainingCheckpoint.Compatibility(network, train, options, optimizer, Trainer.Workers(options, train));
            // Read and check completely before anything changes: a bad checkpoint leaves network and optimizer as they were.
            if (File.Exists(checkpointPath))
            {
                resume = TrainingCheckpoint.Read(checkpointPath, compatibility, network.ParameterCount, optimizer.StateBufferCount, options.Seed, options.Epochs);
                resume.Parameters.AsSpan().CopyTo(network.Parameters);
                optimizer.RestoreState(resume.OptimizerState, resume.OptimizerSteps);
            }
        }

        using var trainer = new Trainer(network, train, options, optimizer);
        return trainer.Train(resume, compatibility);
    }

    /// <summary>Runs inference on every example of <paramref name="data"/> and scores it: mean loss, accuracy and confusion matrix.</summary>
    /// <remarks>
    /// The loss is the network's training loss computed from its outputs (logarithms clamped at -100, as PyTorch's
    /// <c>BCELoss</c> does). Classifiers (Softmax or Sigmoid output, or a dataset with class names) are scored by the largest
    /// output, or a single Sigmoid output thresholded at 0.5; several Sigmoid outputs on a dataset without class names count
    /// as independent labels (accuracy over all labels, no confusion matrix).
    /// </remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The data does not fit the network, is empty, or holds a NaN or infinite value.</exception>
    public static Evaluation Evaluate(this INetwork network, Dataset data) => Evaluate(network, data, threads: 0);

    /// <summary>
    /// As <see cref="Evaluate(INetwork, Dataset)"/>, with inference split over <paramref name="threads"/> threads
    /// (<see cref="NetworkInference.ForwardBatch"/>): the result is the same for every thread count.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="data">The examples to score.</param>
    /// <param name="threads">1 or more; 0 (what the overload without it uses) means one per processor.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The data does not fit the network, is empty, or holds a NaN or infinite value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is negative.</exception>
    public static Evaluation Evaluate(this INetwork network, Dataset data, int threads)
    {
        if (network is null) throw new ArgumentNullException(nameof(network));
        if (data is null) throw new ArgumentNullException(nameof(data));
        int resolved = ParallelInference.ResolveThreads(threads, nameof(threads));
        CheckFits(network, data, "dataset", nameof(data));
        return EvaluateChecked(network, data, resolved);
    }

    internal static Evaluation EvaluateChecked(INetwork network, Dataset data, int threads)
    {
        NetworkArchitecture architecture = network.Architecture;
        OutputScoring scoring = OutputScoring.For(architecture, data);
        int inputs = network.InputSize, outputs = network.OutputSize;
        int chunkSize = EvaluationChunk * threads; // each thread gets EvaluationChunk examples of every chunk
        var predictions = new float[Math.Min(chunkSize, data.Count) * outputs];
        int classes = scoring.ClassCount;
        int[,]? confusion = classes > 0 ? new int[classes, classes] : null;
        ReadOnlySpan<float> features = data.AllFeatures, targets = data.AllTargets;
        double loss = 0;
        long correct = 0;
        for (int start = 0; start < data.Count; start += chunkSize)
        {
            int n = Math.Min(chunkSize, data.Count - start);
            Span<float> chunk = predictions.AsSpan(0, n * outputs);
            network.ForwardBatch(features.Slice(start * inputs, n * inputs), chunk, n, threads);
            for (int r = 0; r < n; r++)
            {
                ReadOnlySpan<float> yhat = chunk.Slice(r * outputs, outputs);
                ReadOnlySpan<float> y = targets.Slice((start + r) * outputs, outputs);
                loss += LossFromOutputs.Of(architecture.Loss, yhat, y);
                correct += scoring.Correct(yhat, y);
                if (confusion is not null) confusion[scoring.ClassOf(y), scoring.ClassOf(yhat)]++;
            }
        }

        double? accuracy = scoring.MeasuresAccuracy ? (double)correct / ((long)data.Count * scoring.UnitsPerExample) : null;
        string[]? names = null;
        if (confusion is not null)
        {
            names = new string[classes];
            for (int k = 0; k < classes; k++)
                names[k] = data.ClassNames is { } given && given.Count == classes ? given[k] : k.ToString(CultureInfo.InvariantCulture);
        }

        return new Evaluation(data.Count, loss / data.Count, accuracy, confusion, names);
    }

    private static void CheckFits(INetwork network, Dataset data, string what, string parameter)
    {
        if (data.Count == 0) throw new ArgumentException($"The {what} is empty; it needs at least 1 example.", parameter);
        if (data.FeatureCount != network.InputSize)
            throw new ArgumentException($"The {what} has {data.FeatureCount} features per example but the network takes {network.InputSize} inputs.", parameter);
        if (data.TargetCount != network.OutputSize)
            throw new ArgumentException($"The {what} has {data.TargetCount} targets per example but the network has {network.OutputSize} outputs.", parameter);
        // A NaN feature can vanish inside the network (ReLU maps it to 0) and train on silently, so refuse it up front.
        CheckFinite(data.AllFeatures, data.FeatureCount, what, "feature", parameter);
        CheckFinite(data.AllTargets, data.TargetCount, what, "target", parameter);
    }

    private static void CheckFinite(ReadOnlySpan<float> values, int width, string what, string kind, string parameter)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
                throw new ArgumentException(
                    $"The {what} has {kind} {i % width} of example {i / width} equal to {values[i].ToString(CultureInfo.InvariantCulture)}; every value must be finite.",
                    parameter);
        }
    }

    private static ArgumentException OptionError(string message, string option) => new(message, OptionParameter(option));

    private static string OptionParameter(string option) => "options." + option;
}
