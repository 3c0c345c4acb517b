using System.Collections;
using System.Collections.Generic;

namespace NetGen;

/// <summary>The epochs a <see cref="NetworkTraining.Fit"/> call completed, in order, and how training ended.</summary>
public sealed class TrainingHistory : IReadOnlyList<EpochResult>
{
    private readonly EpochResult[] _epochs;

    internal TrainingHistory(EpochResult[] epochs, int? bestEpoch, bool stoppedEarly, bool cancelled, bool restoredBestEpoch)
    {
        _epochs = epochs;
        BestEpoch = bestEpoch;
        StoppedEarly = stoppedEarly;
        Cancelled = cancelled;
        RestoredBestEpoch = restoredBestEpoch;
    }

    /// <summary>The number of completed epochs (an epoch interrupted by cancellation is not counted).</summary>
    public int Count => _epochs.Length;

    /// <summary>The result of completed epoch <paramref name="index"/> (0-based; its <see cref="EpochResult.Epoch"/> is <c>index + 1</c>).</summary>
    public EpochResult this[int index] => _epochs[index];

    /// <summary>The epoch (from 1) with the lowest validation loss; null without validation.</summary>
    public int? BestEpoch { get; }

    /// <summary>Whether early stopping ended training before the requested number of epochs.</summary>
    public bool StoppedEarly { get; }

    /// <summary>Whether the cancellation token stopped training.</summary>
    public bool Cancelled { get; }

    /// <summary>Whether the network was left holding the parameters of <see cref="BestEpoch"/> (early stopping on) rather than the last step's.</summary>
    public bool RestoredBestEpoch { get; }

    /// <inheritdoc />
    public IEnumerator<EpochResult> GetEnumerator() => ((IEnumerable<EpochResult>)_epochs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
