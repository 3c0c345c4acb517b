using NetGen;

/// <summary>The networks, data and options the child's modes use; the tests get their reference results only through this process.</summary>
internal static class ChildNetworks
{
    /// <summary>About 300,000 parameters (1.2 MB on disk), so a save takes long enough for kills to land inside it.</summary>
    public static DynamicNetwork Saved(int seed) =>
        DynamicNetwork.Builder(64).Dense(512, Activation.Relu).Dense(512, Activation.Relu).Dense(10, Activation.Softmax).Build(seed);

    /// <summary>A small classifier with dropout, so a resumed run must also continue the dropout streams exactly.</summary>
    public static DynamicNetwork Trained() =>
        DynamicNetwork.Builder(8).Dense(32, Activation.Relu).Dropout(0.2f).Dense(3, Activation.Softmax).Build(seed: 5);

    /// <summary>6,000 examples of three noisy blobs, the same on every run: a few tens of milliseconds per epoch.</summary>
    public static Dataset TrainingData() => Blobs(6000, seed: 11);

    public static Dataset ValidationData() => Blobs(300, seed: 12);

    /// <summary>Adam, early stopping (patience 3, so the early-stopping state matters) and a checkpoint after every epoch.</summary>
    public static TrainingOptions Options(string checkpoint, Dataset validation, int epochs, int threads) => new()
    {
        Epochs = epochs,
        BatchSize = 16,
        Threads = threads,
        Seed = 3,
        Optimizer = new Adam(0.01f),
        Validation = validation,
        EarlyStoppingPatience = 3,
        CheckpointPath = checkpoint,
        CheckpointEveryEpochs = 1,
    };

    private static Dataset Blobs(int count, ulong seed)
    {
        var random = new NetGenRandom(seed);
        var features = new float[count * 8];
        var targets = new float[count * 3];
        for (int i = 0; i < count; i++)
        {
            int k = i % 3;
            targets[i * 3 + k] = 1;
            // Overlapping blobs: validation loss keeps moving for many epochs, so early stopping stays in play.
            for (int j = 0; j < 8; j++) features[i * 8 + j] = (float)(random.NextNormal() * 1.5 + (j % 3 == k ? 1.0 : 0.0));
        }

        return new Dataset(features, 8, targets, 3);
    }
}
