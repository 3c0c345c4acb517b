using System;
using System.Collections.Generic;

namespace NetGen.Playground;

/// <summary>
/// One Playground run: the generated points, the network and its optimizer, and the loss after every epoch. Training
/// goes through the runtime's <c>Fit</c> with <see cref="Sgd"/>, one epoch per call so the caller can draw between them.
/// </summary>
/// <remarks>
/// The original takes one plain gradient step per batch and adds <c>learningRate * rate * dPenalty/dW</c> to each
/// weight (<c>W</c> for L2, <c>sign(W)</c> for L1). NetGen's penalties per batch of <c>m</c> are
/// <c>(lambda / (2m)) * sum W^2</c> and <c>(lambda / m) * sum |W|</c>, whose steps are <c>learningRate * (lambda / m)</c>
/// times the same derivatives, so <c>lambda = rate * batchSize</c> reproduces the original's step. (The original also
/// sets a weight that L1 pushes across 0 to exactly 0; NetGen's L1 does not clip.)
/// </remarks>
public sealed class PlaygroundSession
{
    private readonly List<LossPoint> _history = new();
    private readonly Sgd _optimizer;

    /// <summary>Generates the data and builds an untrained network from <paramref name="settings"/> (copied).</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public PlaygroundSession(PlaygroundSettings settings)
    {
        if (settings is null) throw new ArgumentNullException(nameof(settings));
        settings.Validate();
        Settings = settings.Clone();
        DatasetKind kind = Settings.ActiveDataset;
        Example2D[] points = DataGenerators.Generate(kind, DataGenerators.DefaultSampleCount(kind), Settings.NoisePercent / 100.0, Settings.DataSeed);
        (TrainPoints, TestPoints) = DataSplit.Split(points, Settings.TrainPercent, Settings.DataSeed);
        TrainSet = ToDataset(TrainPoints, Settings.Features);
        TestSet = TestPoints.Length > 0 ? ToDataset(TestPoints, Settings.Features) : null;
        Architecture = PlaygroundArchitecture.Build(Settings);
        Network = PlaygroundNetworks.Create(Architecture, Settings.NetworkSeed);
        _optimizer = new Sgd(Settings.LearningRate);
        _history.Add(MeasureLosses());
    }

    /// <summary>The settings this run was built from (a copy: change the live ones through <see cref="LearningRate"/> and <see cref="RegularizationRate"/>).</summary>
    public PlaygroundSettings Settings { get; }

    /// <summary>The SGD learning rate; as in the original, changing it takes effect at the next epoch without a reset.</summary>
    /// <exception cref="ArgumentException">The value is not positive and finite.</exception>
    public float LearningRate
    {
        get => Settings.LearningRate;
        set
        {
            if (!(value > 0) || float.IsInfinity(value)) throw new ArgumentException($"The learning rate must be positive; it is {value}.", nameof(value));
            Settings.LearningRate = value;
            _optimizer.LearningRate = value;
        }
    }

    /// <summary>The regularisation rate; as in the original, changing it takes effect at the next epoch without a reset.</summary>
    /// <exception cref="ArgumentException">The value is negative or not finite.</exception>
    public float RegularizationRate
    {
        get => Settings.RegularizationRate;
        set
        {
            if (!(value >= 0) || float.IsInfinity(value)) throw new ArgumentException($"The regularisation rate must be 0 or more; it is {value}.", nameof(value));
            Settings.RegularizationRate = value;
        }
    }

    /// <summary>The training points.</summary>
    public Example2D[] TrainPoints { get; }

    /// <summary>The test points.</summary>
    public Example2D[] TestPoints { get; }

    /// <summary>The training points as features and targets.</summary>
    public Dataset TrainSet { get; }

    /// <summary>The test points as features and targets, or null when the split left none.</summary>
    public Dataset? TestSet { get; }

    /// <summary>The network's shape.</summary>
    public NetworkArchitecture Architecture { get; }

    /// <summary>The network being trained.</summary>
    public INetwork Network { get; }

    /// <summary>Epochs completed.</summary>
    public int Epoch { get; private set; }

    /// <summary>The losses before training and after every epoch.</summary>
    public IReadOnlyList<LossPoint> History => _history;

    /// <summary>The latest losses.</summary>
    public LossPoint Latest => _history[_history.Count - 1];

    /// <summary>Trains <paramref name="epochs"/> epochs, measuring both losses after each.</summary>
    /// <exception cref="TrainingDivergedException">The loss became infinite (too high a learning rate); the network keeps its last finite parameters.</exception>
    public void Train(int epochs = 1)
    {
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "Train at least one epoch.");
        for (int i = 0; i < epochs; i++)
        {
            var options = new TrainingOptions
            {
                Epochs = 1,
                BatchSize = Settings.BatchSize,
                Optimizer = _optimizer,
                Seed = unchecked(Settings.NetworkSeed * 7919 + Epoch), // a fresh shuffle each epoch, reproducible
                Threads = 1, // WebAssembly has one thread; the batches are tiny anyway
                MeasureTrainingAccuracy = false,
                L1 = Settings.Regularization == Regularization.L1 ? Settings.RegularizationRate * Settings.BatchSize : 0f,
                L2 = Settings.Regularization == Regularization.L2 ? Settings.RegularizationRate * Settings.BatchSize : 0f,
            };
            Network.Fit(TrainSet, options);
            Epoch++;
            _history.Add(MeasureLosses());
        }
    }

    /// <summary>The C# declaration that generates this network at compile time.</summary>
    public string Declaration(string className = "PlaygroundNet") => PlaygroundNetworks.Declaration(Architecture, className);

    /// <summary>The features and label of <paramref name="points"/> as a NetGen data set (one target per point).</summary>
    public static Dataset ToDataset(IReadOnlyList<Example2D> points, IReadOnlyList<Feature> features)
    {
        var inputs = new float[points.Count * features.Count];
        var targets = new float[points.Count];
        for (int i = 0; i < points.Count; i++)
        {
            Features.Compute(features, points[i].X, points[i].Y, inputs.AsSpan(i * features.Count, features.Count));
            targets[i] = (float)points[i].Label;
        }

        return new Dataset(inputs, features.Count, targets, 1);
    }

    private LossPoint MeasureLosses() =>
        new(Epoch, Network.Evaluate(TrainSet).Loss, TestSet is null ? double.NaN : Network.Evaluate(TestSet).Loss);
}
