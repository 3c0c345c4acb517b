namespace NetGen.Samples.FashionMnist;

/// <summary>
/// Hyperparameters a data set trains well with, used for every option the command line leaves out. The learning rate is
/// multiplied by <see cref="PlateauFactor"/> after <see cref="PlateauPatience"/> epochs without a lower validation loss,
/// down to <see cref="PlateauFloor"/> times its start.
/// </summary>
internal sealed record TrainingDefaults(int Epochs, int BatchSize, float LearningRate, int Patience, int PlateauPatience, float PlateauFactor, float PlateauFloor)
{
    /// <summary>Tuned on the 2-core reference machine: the runs behind these numbers are in docs/main-job.md.</summary>
    public static readonly TrainingDefaults Fashion = new(Epochs: 20, BatchSize: 128, LearningRate: 0.001f, Patience: 4,
        PlateauPatience: 2, PlateauFactor: 0.3f, PlateauFloor: 0.01f);

    /// <summary>About 1,300 training examples: small batches and more epochs, each epoch taking milliseconds.</summary>
    public static readonly TrainingDefaults Digits = new(Epochs: 60, BatchSize: 32, LearningRate: 0.001f, Patience: 10,
        PlateauPatience: 4, PlateauFactor: 0.3f, PlateauFloor: 0.01f);
}
