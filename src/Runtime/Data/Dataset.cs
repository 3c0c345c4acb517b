using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>
/// Examples for training and evaluation: a row-major feature matrix and a row-major target matrix with one row per example.
/// Targets are one-hot (or probability) vectors for classification, raw values for regression.
/// </summary>
public sealed partial class Dataset
{
    private readonly float[] _features;
    private readonly float[] _targets;
    private readonly string[]? _classNames;

    /// <summary>Wraps row-major arrays; the arrays are used as they are, not copied.</summary>
    /// <param name="features">Row-major features, <c>count * featureCount</c> values.</param>
    /// <param name="featureCount">Features per example; at least 1.</param>
    /// <param name="targets">Row-major targets, <c>count * targetCount</c> values.</param>
    /// <param name="targetCount">Targets per example; at least 1.</param>
    /// <param name="classNames">The class names for classification (one per target column), or null for regression.</param>
    /// <exception cref="ArgumentException">The lengths do not describe the same number of examples.</exception>
    public Dataset(float[] features, int featureCount, float[] targets, int targetCount, string[]? classNames = null)
    {
        _features = features ?? throw new ArgumentNullException(nameof(features));
        _targets = targets ?? throw new ArgumentNullException(nameof(targets));
        if (featureCount < 1) throw new ArgumentException($"featureCount must be at least 1; it is {featureCount}.", nameof(featureCount));
        if (targetCount < 1) throw new ArgumentException($"targetCount must be at least 1; it is {targetCount}.", nameof(targetCount));
        if (features.Length % featureCount != 0)
            throw new ArgumentException($"features has {features.Length} values, which is not a multiple of featureCount {featureCount}.", nameof(features));
        int count = features.Length / featureCount;
        if (targets.Length != (long)count * targetCount)
            throw new ArgumentException(
                $"features holds {count} examples of {featureCount} values, so targets needs {(long)count * targetCount} values ({count} x {targetCount}); it has {targets.Length}.",
                nameof(targets));
        if (classNames is not null && classNames.Length != targetCount)
            throw new ArgumentException($"classNames has {classNames.Length} names but there are {targetCount} target columns.", nameof(classNames));

        FeatureCount = featureCount;
        TargetCount = targetCount;
        Count = count;
        _classNames = classNames;
    }

    /// <summary>The number of examples.</summary>
    public int Count { get; }

    /// <summary>Features per example.</summary>
    public int FeatureCount { get; }

    /// <summary>Targets per example (the number of classes for classification).</summary>
    public int TargetCount { get; }

    /// <summary>The class names for classification; null for regression.</summary>
    public IReadOnlyList<string>? ClassNames => _classNames;

    /// <summary>Whether the targets are classes (<see cref="ClassNames"/> is set).</summary>
    public bool IsClassification => _classNames is not null;

    /// <summary>The features of example <paramref name="i"/>; writable, so transforms such as standardisation can apply in place.</summary>
    public Span<float> Features(int i) => _features.AsSpan(checked(RowIndex(i) * FeatureCount), FeatureCount);

    /// <summary>The targets of example <paramref name="i"/>.</summary>
    public Span<float> Target(int i) => _targets.AsSpan(checked(RowIndex(i) * TargetCount), TargetCount);

    /// <summary>All features, row-major.</summary>
    public Span<float> AllFeatures => _features;

    /// <summary>All targets, row-major.</summary>
    public Span<float> AllTargets => _targets;

    /// <summary>The class of example <paramref name="i"/>: the index of its largest target (classification only).</summary>
    public int Label(int i)
    {
        Span<float> t = Target(i);
        int best = 0;
        for (int k = 1; k < t.Length; k++)
            if (t[k] > t[best]) best = k;
        return best;
    }

    private int RowIndex(int i)
    {
        if ((uint)i >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(i), i, $"The dataset has {Count} examples.");
        return i;
    }
}
