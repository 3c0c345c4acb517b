using System;

namespace NetGen;

/// <summary>
/// Training produced a NaN or infinite loss, gradient or update. The network's parameters and the optimizer's state are
/// left as they were before the offending step, so training can resume (with a smaller learning rate, say).
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Describes where training diverged.</summary>
    /// <param name="epoch">The epoch, counting from 1.</param>
    /// <param name="batch">The batch within the epoch, counting from 1.</param>
    /// <param name="lastFiniteLoss">The cost of the last batch that trained normally; NaN if none did.</param>
    /// <param name="what">What became non-finite, for the message.</param>
    public TrainingDivergedException(int epoch, int batch, double lastFiniteLoss, string what)
        : base($"Training diverged at epoch {epoch}, batch {batch}: {what}. The last finite batch loss was "
               + (double.IsNaN(lastFiniteLoss) ? "never reached" : lastFiniteLoss.ToString("G6", System.Globalization.CultureInfo.InvariantCulture))
               + "; the parameters and optimizer state are as before this step. Try a smaller learning rate, or check the data for NaN or huge values.")
    {
        Epoch = epoch;
        Batch = batch;
        LastFiniteLoss = lastFiniteLoss;
    }

    /// <summary>The epoch in which training diverged, counting from 1.</summary>
    public int Epoch { get; }

    /// <summary>The batch within <see cref="Epoch"/> that diverged, counting from 1.</summary>
    public int Batch { get; }

    /// <summary>The cost of the last batch that trained normally; NaN if none did.</summary>
    public double LastFiniteLoss { get; }
}
