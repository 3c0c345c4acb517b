namespace NetGen;

/// <summary>What one training epoch achieved.</summary>
/// <param name="Epoch">The epoch, counting from 1.</param>
/// <param name="TrainLoss">The mean cost of the epoch's batches weighted by their sizes (L2 term included), measured as each batch was trained on.</param>
/// <param name="TrainAccuracy">The epoch's training accuracy, measured batch by batch before each step; null for regression or when not measured.</param>
/// <param name="ValidationLoss">The mean loss on <see cref="TrainingOptions.Validation"/> after the epoch (no L2 term); null without validation.</param>
/// <param name="ValidationAccuracy">The validation accuracy after the epoch; null without validation or for regression.</param>
/// <param name="Seconds">Wall-clock time of the epoch, validation included.</param>
public sealed record EpochResult(int Epoch, double TrainLoss, double? TrainAccuracy, double? ValidationLoss, double? ValidationAccuracy, double Seconds);
