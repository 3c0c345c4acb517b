namespace NetGen.Samples.FashionMnist;

/// <summary>Hyperparameters a data set trains well with, used for every option the command line leaves out.</summary>
internal sealed record TrainingDefaults(int Epochs, int BatchSize, float LearningRate, int Patience)
{
    /// <summary>Tuned on this repository's 2-core reference machine: see docs/main-job.md for the runs behind them.</summary>
    public static readonly TrainingDefaults Fashion = new(Epochs: 20, BatchSize: 128, LearningRate: 0.001f, Patience: 3);

    /// <summary>1,257 training examples: small batches and more epochs, each epoch taking milliseconds.</summary>
    public static readonly TrainingDefaults Digits = new(Epochs: 60, BatchSize: 32, LearningRate: 0.001f, Patience: 10);
}
