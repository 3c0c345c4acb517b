using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>
/// Per-feature standardisation <c>x' = (x - mean) / std</c> with the mean and population standard deviation of a
/// training set. Fit it on the training data only, apply it to every split and to each example at inference; pass it to
/// <c>Save</c> so the statistics travel with the weights, and <c>Load</c> gives it back.
/// </summary>
/// <remarks>
/// A feature that is constant in the training data (standard deviation 0, e.g. an always-black border pixel) gets
/// std 1, so it is only shifted to 0 rather than divided by zero; unseen values of it at inference stay finite.
/// </remarks>
public sealed class Standardizer
{
    private readonly float[] _means;
    private readonly float[] _stds;

    /// <summary>Creates a standardizer from known statistics (e.g. computed elsewhere); the arrays are copied.</summary>
    /// <param name="means">Per-feature means.</param>
    /// <param name="standardDeviations">Per-feature standard deviations; each finite and positive.</param>
    /// <exception cref="ArgumentException">The arrays differ in length, are empty, or hold a non-finite mean or a non-positive or non-finite deviation.</exception>
    public Standardizer(float[] means, float[] standardDeviations)
    {
        if (means is null) throw new ArgumentNullException(nameof(means));
        if (standardDeviations is null) throw new ArgumentNullException(nameof(standardDeviations));
        if (means.Length == 0) throw new ArgumentException("A standardizer needs at least one feature; means is empty.", nameof(means));
        if (means.Length != standardDeviations.Length)
            throw new ArgumentException($"means has {means.Length} values but standardDeviations has {standardDeviations.Length}.", nameof(standardDeviations));
        for (int i = 0; i < means.Length; i++)
        {
            if (!float.IsFinite(means[i])) throw new ArgumentException(FormattableString.Invariant($"means[{i}] is {means[i]}; it must be finite."), nameof(means));
            if (!(standardDeviations[i] > 0) || !float.IsFinite(standardDeviations[i]))
                throw new ArgumentException(FormattableString.Invariant($"standardDeviations[{i}] is {standardDeviations[i]}; it must be finite and positive."), nameof(standardDeviations));
        }

        _means = (float[])means.Clone();
        _stds = (float[])standardDeviations.Clone();
    }

    /// <summary>The number of features it standardises.</summary>
    public int FeatureCount => _means.Length;

    /// <summary>Per-feature means of the data it was fitted on.</summary>
    public IReadOnlyList<float> Means => _means;

    /// <summary>Per-feature population standard deviations (1 for constant features).</summary>
    public IReadOnlyList<float> StandardDeviations => _stds;

    /// <summary>Computes the mean and population standard deviation of every feature of <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">The dataset is empty or holds a NaN or infinite feature.</exception>
    public static Standardizer Fit(Dataset data)
    {
        if (data is null) throw new ArgumentNullException(nameof(data));
        if (data.Count == 0) throw new ArgumentException("Cannot fit a standardizer on an empty dataset.", nameof(data));
        int n = data.Count, f = data.FeatureCount;
        // Two passes in double: the textbook one-pass formula loses everything to cancellation when mean >> std.
        var sum = new double[f];
        for (int i = 0; i < n; i++)
        {
            Span<float> x = data.Features(i);
            for (int j = 0; j < f; j++)
            {
                if (!float.IsFinite(x[j])) throw new ArgumentException(FormattableString.Invariant($"Example {i}, feature {j} is {x[j]}; standardisation needs finite features."), nameof(data));
                sum[j] += x[j];
            }
        }

        var mean = new double[f];
        for (int j = 0; j < f; j++) mean[j] = sum[j] / n;
        var squares = new double[f];
        for (int i = 0; i < n; i++)
        {
            Span<float> x = data.Features(i);
            for (int j = 0; j < f; j++)
            {
                double d = x[j] - mean[j];
                squares[j] += d * d;
            }
        }

        var means = new float[f];
        var stds = new float[f];
        for (int j = 0; j < f; j++)
        {
            means[j] = (float)mean[j];
            float std = (float)Math.Sqrt(squares[j] / n);
            stds[j] = std > 0 ? std : 1f;
        }

        return new Standardizer(means, stds);
    }

    /// <summary>Standardises every example of <paramref name="data"/> in place.</summary>
    /// <exception cref="ArgumentException">The dataset's feature count differs from <see cref="FeatureCount"/>.</exception>
    public void Apply(Dataset data)
    {
        if (data is null) throw new ArgumentNullException(nameof(data));
        if (data.FeatureCount != FeatureCount)
            throw new ArgumentException($"The standardizer has {FeatureCount} features but the dataset has {data.FeatureCount}.", nameof(data));
        for (int i = 0; i < data.Count; i++) Apply(data.Features(i));
    }

    /// <summary>Standardises one example in place; allocation-free, for inference.</summary>
    /// <exception cref="ArgumentException"><paramref name="features"/> does not have <see cref="FeatureCount"/> values.</exception>
    public void Apply(Span<float> features)
    {
        if (features.Length != FeatureCount)
            throw new ArgumentException($"Expected {FeatureCount} features; got {features.Length}.", nameof(features));
        for (int j = 0; j < features.Length; j++) features[j] = (features[j] - _means[j]) / _stds[j];
    }
}
