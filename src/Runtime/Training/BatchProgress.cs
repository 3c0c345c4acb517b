namespace NetGen;

/// <summary>Training progress after one mini-batch, reported through <see cref="TrainingOptions.BatchProgress"/>.</summary>
public readonly struct BatchProgress
{
    internal BatchProgress(int epoch, int epochs, int batch, int batchesPerEpoch, int examplesDone, int examplesPerEpoch,
        double loss, double accuracy, double seconds)
    {
        Epoch = epoch;
        Epochs = epochs;
        Batch = batch;
        BatchesPerEpoch = batchesPerEpoch;
        ExamplesDone = examplesDone;
        ExamplesPerEpoch = examplesPerEpoch;
        Loss = loss;
        Accuracy = accuracy;
        Seconds = seconds;
    }

    /// <summary>The epoch, counting from 1.</summary>
    public int Epoch { get; }

    /// <summary>The number of epochs requested.</summary>
    public int Epochs { get; }

    /// <summary>The batch just finished, counting from 1 within the epoch.</summary>
    public int Batch { get; }

    /// <summary>Batches in every epoch (the last one may be partial).</summary>
    public int BatchesPerEpoch { get; }

    /// <summary>Training examples processed so far in this epoch.</summary>
    public int ExamplesDone { get; }

    /// <summary>Training examples in an epoch.</summary>
    public int ExamplesPerEpoch { get; }

    /// <summary>The mean cost of this epoch's batches so far, weighted by their sizes (L2 term included).</summary>
    public double Loss { get; }

    /// <summary>This epoch's training accuracy so far; NaN for regression or when <see cref="TrainingOptions.MeasureTrainingAccuracy"/> is off.</summary>
    public double Accuracy { get; }

    /// <summary>Seconds since this epoch started.</summary>
    public double Seconds { get; }

    /// <summary>Throughput of this epoch so far.</summary>
    public double ExamplesPerSecond => Seconds > 0 ? ExamplesDone / Seconds : 0;

    /// <summary>Seconds until this epoch's training part ends at the current throughput (validation not included); 0 before any throughput is known.</summary>
    public double SecondsLeftInEpoch => ExamplesPerSecond > 0 ? (ExamplesPerEpoch - ExamplesDone) / ExamplesPerSecond : 0;

    /// <summary>This epoch's fraction done, in [0, 1].</summary>
    public double Fraction => (double)ExamplesDone / ExamplesPerEpoch;
}
