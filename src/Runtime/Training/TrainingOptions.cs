using System;
using System.Threading;

namespace NetGen;

/// <summary>How <see cref="NetworkTraining.Fit"/> trains: epochs, batches, optimizer, regularisation, validation, threads and reporting.</summary>
/// <remarks>Every value is checked when <c>Fit</c> starts, before any parameter changes; a bad one throws <see cref="ArgumentException"/> naming it.</remarks>
public sealed class TrainingOptions
{
    /// <summary>Passes over the training set; at least 1. Default 10.</summary>
    public int Epochs { get; set; } = 10;

    /// <summary>Examples per mini-batch; at least 1. The last batch of an epoch holds the remainder and is used, not dropped. Default 32.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>The optimizer; null means a new <see cref="Adam"/> with its defaults for this call. Its state carries over between <c>Fit</c> calls.</summary>
    public Optimizer? Optimizer { get; set; }

    /// <summary>Examples evaluated after every epoch (loss and accuracy in <see cref="EpochResult"/>); needed for early stopping.</summary>
    public Dataset? Validation { get; set; }

    /// <summary>
    /// Stop after this many epochs without a lower validation loss, and finish holding the parameters of the epoch with the
    /// lowest validation loss (<see cref="TrainingHistory.BestEpoch"/>). 0 (the default) turns early stopping off; a positive
    /// value needs <see cref="Validation"/>.
    /// </summary>
    public int EarlyStoppingPatience { get; set; }

    /// <summary>
    /// L2 regularisation strength <c>lambda</c>, at least 0. For a batch of <c>m</c> examples the cost gains
    /// <c>(lambda / (2m)) * sum W^2</c> over every weight (not biases), so each weight's gradient gains <c>(lambda / m) * W</c>.
    /// </summary>
    public float L2 { get; set; }

    /// <summary>
    /// L1 regularisation strength <c>lambda</c>, at least 0. For a batch of <c>m</c> examples the cost gains
    /// <c>(lambda / m) * sum |W|</c> over every weight (not biases), so each weight's gradient gains
    /// <c>(lambda / m) * sign(W)</c>, with <c>sign(0) = 0</c>. It can be combined with <see cref="L2"/> (elastic net).
    /// </summary>
    public float L1 { get; set; }

    /// <summary>Seeds the per-epoch shuffle and the dropout masks: the same seed and thread count give bit-identical parameters.</summary>
    public int Seed { get; set; }

    /// <summary>
    /// Threads that share each mini-batch; 0 (the default) uses every core (<see cref="Environment.ProcessorCount"/>).
    /// Results are bit-identical for a given seed and thread count; different thread counts sum the per-thread gradients
    /// in a different grouping, so they agree only to rounding.
    /// </summary>
    public int Threads { get; set; }

    /// <summary>
    /// Whether to measure training accuracy (for classifiers). It is scored from the outputs of the training pass itself
    /// (the parameters before each batch's step, dropout active, as Keras reports it), so it costs no extra forward pass.
    /// When false, <see cref="EpochResult.TrainAccuracy"/> is null and <see cref="NetGen.BatchProgress.Accuracy"/> NaN. Default true.
    /// </summary>
    public bool MeasureTrainingAccuracy { get; set; } = true;

    /// <summary>Receives each finished epoch's <see cref="EpochResult"/>, on the training thread.</summary>
    /// <remarks><see cref="Progress{T}"/> posts reports to the synchronisation context it was created on; any <see cref="IProgress{T}"/> works.</remarks>
    public IProgress<EpochResult>? Progress { get; set; }

    /// <summary>
    /// Receives a <see cref="NetGen.BatchProgress"/> after every mini-batch, synchronously on the training thread (keep it
    /// quick; it is a struct, so reporting allocates nothing). Meant for live progress bars.
    /// </summary>
    public IProgress<BatchProgress>? BatchProgress { get; set; }

    /// <summary>
    /// A file for training checkpoints, or null (the default) for none. <c>Fit</c> writes one after every
    /// <see cref="CheckpointEveryEpochs"/> epochs and after the last, atomically as <c>Save</c> writes weights (a crash
    /// leaves the previous checkpoint or the new one). It holds the parameters, the optimizer's state and step count, the
    /// epoch, the early-stopping state (best epoch, its loss and parameters, epochs since it) and the history so far;
    /// the shuffle and dropout streams are functions of <see cref="Seed"/> and the epoch, so the epoch is their position.
    /// </summary>
    /// <remarks>
    /// When the file exists, <c>Fit</c> resumes from it: the parameters and the optimizer's state are replaced by the
    /// checkpoint's and training continues with the next epoch, so a run killed at any moment and restarted with the same
    /// call ends with parameters bit-identical to a run never interrupted (same thread count). The network must be created
    /// the same way as before (the same constructor seed: it draws the dropout masks; checked for <see cref="DynamicNetwork"/>,
    /// whose <see cref="DynamicNetwork.Seed"/> is known, not for generated classes). The checkpoint must come
    /// from the same network type and architecture, the same training and validation data, and the same BatchSize, Seed,
    /// thread count, L2, L1, EarlyStoppingPatience and optimizer (type, learning rate, hyperparameters), and it must not
    /// have run more epochs than <see cref="Epochs"/>; otherwise, or when the file is damaged, <c>Fit</c> throws
    /// <see cref="System.IO.InvalidDataException"/> naming the file and the value that differs (both values), and nothing
    /// changes. <see cref="Progress"/> reports only the epochs run by this call; the returned history includes the earlier ones.
    /// </remarks>
    public string? CheckpointPath { get; set; }

    /// <summary>Epochs between checkpoints when <see cref="CheckpointPath"/> is set; at least 1. Default 1 (after every epoch).</summary>
    public int CheckpointEveryEpochs { get; set; } = 1;

    /// <summary>
    /// Stops training at the next mini-batch boundary. <c>Fit</c> then returns normally, with
    /// <see cref="TrainingHistory.Cancelled"/> set; it does not throw <see cref="OperationCanceledException"/>.
    /// </summary>
    public CancellationToken CancellationToken { get; set; }
}
