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
    /// Whether to measure training accuracy (for classifiers), which costs one extra inference pass over every batch
    /// (measured on a 784-256-128-10 epoch at 1 thread: about 0.3 s on top of 1.1 s; see docs/performance.md). When false, <see cref="EpochResult.TrainAccuracy"/> is null and <see cref="NetGen.BatchProgress.Accuracy"/> NaN. Default true.
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
    /// Stops training at the next mini-batch boundary. <c>Fit</c> then returns normally, with
    /// <see cref="TrainingHistory.Cancelled"/> set; it does not throw <see cref="OperationCanceledException"/>.
    /// </summary>
    public CancellationToken CancellationToken { get; set; }
}
