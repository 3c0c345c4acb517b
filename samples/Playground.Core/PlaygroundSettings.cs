using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Playground;

/// <summary>Everything the Playground's controls set. Defaults are the original's (its <c>src/state.ts</c>).</summary>
public sealed class PlaygroundSettings
{
    /// <summary>The most hidden layers the page offers.</summary>
    public const int MaxHiddenLayers = 6;

    /// <summary>The most neurons per hidden layer the page offers.</summary>
    public const int MaxNeurons = 8;

    /// <summary>Classification or regression; chooses which of <see cref="Dataset"/> and <see cref="RegressionDataset"/> is used.</summary>
    public ProblemKind Problem { get; set; } = ProblemKind.Classification;

    /// <summary>The classification data set. Default circle.</summary>
    public DatasetKind Dataset { get; set; } = DatasetKind.Circle;

    /// <summary>The regression data set. Default plane.</summary>
    public DatasetKind RegressionDataset { get; set; } = DatasetKind.Plane;

    /// <summary>The data set in use for <see cref="Problem"/>.</summary>
    public DatasetKind ActiveDataset => Problem == ProblemKind.Regression ? RegressionDataset : Dataset;

    /// <summary>Noise in percent, 0 to 50. Default 0.</summary>
    public int NoisePercent { get; set; }

    /// <summary>Share of training data in percent, 10 to 90. Default 50.</summary>
    public int TrainPercent { get; set; } = 50;

    /// <summary>Examples per gradient step, 1 to 30. Default 10.</summary>
    public int BatchSize { get; set; } = 10;

    /// <summary>The input features, in <see cref="Features.All"/> order. Default X1 and X2.</summary>
    public List<Feature> Features { get; set; } = new() { Feature.X1, Feature.X2 };

    /// <summary>Neurons per hidden layer, input side first. Default 4, 2.</summary>
    public List<int> HiddenLayers { get; set; } = new() { 4, 2 };

    /// <summary>The hidden activation. Default Tanh.</summary>
    public HiddenActivation Activation { get; set; } = HiddenActivation.Tanh;

    /// <summary>The SGD learning rate. Default 0.03.</summary>
    public float LearningRate { get; set; } = 0.03f;

    /// <summary>The weight penalty. Default none.</summary>
    public Regularization Regularization { get; set; } = Regularization.None;

    /// <summary>The penalty's rate, in the Playground's units (see <see cref="PlaygroundSession"/>). Default 0.</summary>
    public float RegularizationRate { get; set; }

    /// <summary>Seeds the data points and the split; "Regenerate" picks a new one.</summary>
    public int DataSeed { get; set; } = 1;

    /// <summary>Seeds the initial weights and the batch order; "Reset" keeps it.</summary>
    public int NetworkSeed { get; set; } = 1;

    /// <summary>A copy that later edits of this one do not affect.</summary>
    public PlaygroundSettings Clone()
    {
        var copy = (PlaygroundSettings)MemberwiseClone();
        copy.Features = Features.ToList();
        copy.HiddenLayers = HiddenLayers.ToList();
        return copy;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of the page's ranges.</summary>
    public void Validate()
    {
        if (DataGenerators.ProblemOf(ActiveDataset) != Problem)
            throw new ArgumentException($"{ActiveDataset} is not a {Problem.ToString().ToLowerInvariant()} data set.", nameof(Dataset));
        if (NoisePercent < 0 || NoisePercent > 50) throw new ArgumentException($"Noise must be 0 to 50 percent; it is {NoisePercent}.", nameof(NoisePercent));
        if (TrainPercent < 10 || TrainPercent > 90) throw new ArgumentException($"The training share must be 10 to 90 percent; it is {TrainPercent}.", nameof(TrainPercent));
        if (BatchSize < 1 || BatchSize > 30) throw new ArgumentException($"Batch size must be 1 to 30; it is {BatchSize}.", nameof(BatchSize));
        if (Features.Count == 0) throw new ArgumentException("Choose at least one input feature.", nameof(Features));
        if (Features.Distinct().Count() != Features.Count) throw new ArgumentException("An input feature is listed twice.", nameof(Features));
        if (HiddenLayers.Count > MaxHiddenLayers) throw new ArgumentException($"At most {MaxHiddenLayers} hidden layers; there are {HiddenLayers.Count}.", nameof(HiddenLayers));
        foreach (int units in HiddenLayers)
            if (units < 1 || units > MaxNeurons) throw new ArgumentException($"A hidden layer has 1 to {MaxNeurons} neurons; one has {units}.", nameof(HiddenLayers));
        if (!(LearningRate > 0) || float.IsInfinity(LearningRate)) throw new ArgumentException($"The learning rate must be positive; it is {LearningRate}.", nameof(LearningRate));
        if (!(RegularizationRate >= 0) || float.IsInfinity(RegularizationRate))
            throw new ArgumentException($"The regularisation rate must be 0 or more; it is {RegularizationRate}.", nameof(RegularizationRate));
    }
}
