using System;
using System.Collections.Generic;

namespace NetGen;

public sealed partial class Dataset
{
    /// <summary>
    /// Splits the examples into two new datasets (copies), shuffled with <see cref="NetGenRandom"/> from
    /// <paramref name="seed"/>, so the same seed gives the same split on every platform. Classification sets are
    /// stratified: each class is divided in the same proportion, so rare classes appear on both sides.
    /// </summary>
    /// <param name="fraction">The share of examples in the first part, strictly between 0 and 1; the first part gets <c>round(fraction * Count)</c> examples.</param>
    /// <param name="seed">The shuffle seed.</param>
    /// <returns>The first part (e.g. training) and the rest (e.g. test), each in shuffled order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is not strictly between 0 and 1.</exception>
    /// <exception cref="ArgumentException">One of the parts would be empty.</exception>
    public (Dataset First, Dataset Second) Split(double fraction, int seed)
    {
        if (!(fraction > 0 && fraction < 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The fraction must be strictly between 0 and 1.");
        int firstCount = (int)Math.Round(fraction * Count, MidpointRounding.AwayFromZero);
        if (firstCount == 0 || firstCount == Count)
            throw new ArgumentException($"Splitting {Count} examples at {fraction} leaves {firstCount} and {Count - firstCount}; both parts need at least one.", nameof(fraction));

        var random = new NetGenRandom(unchecked((ulong)(long)seed));
        var first = new List<int>(firstCount);
        var second = new List<int>(Count - firstCount);
        foreach (int[] group in Strata())
        {
            random.Shuffle(group.AsSpan());
            // Rounding the running total, not each class, makes the class shares add up to exactly firstCount.
            int before = first.Count + second.Count;
            int take = (int)Math.Round(fraction * (before + group.Length), MidpointRounding.AwayFromZero) - first.Count;
            take = Math.Max(0, Math.Min(group.Length, take));
            for (int k = 0; k < group.Length; k++) (k < take ? first : second).Add(group[k]);
        }

        int[] a = first.ToArray(), b = second.ToArray();
        random.Shuffle(a.AsSpan());
        random.Shuffle(b.AsSpan());
        return (Subset(a), Subset(b));
    }

    /// <summary>Example indices grouped by class (one group of all examples for regression), each in index order.</summary>
    private IEnumerable<int[]> Strata()
    {
        if (!IsClassification)
        {
            var all = new int[Count];
            for (int i = 0; i < Count; i++) all[i] = i;
            yield return all;
            yield break;
        }

        var groups = new List<int>[TargetCount];
        for (int k = 0; k < groups.Length; k++) groups[k] = new List<int>();
        for (int i = 0; i < Count; i++) groups[Label(i)].Add(i);
        foreach (List<int> g in groups)
            if (g.Count > 0) yield return g.ToArray();
    }

    private Dataset Subset(int[] indices)
    {
        var features = new float[(long)indices.Length * FeatureCount];
        var targets = new float[(long)indices.Length * TargetCount];
        for (int r = 0; r < indices.Length; r++)
        {
            Features(indices[r]).CopyTo(features.AsSpan(r * FeatureCount, FeatureCount));
            Target(indices[r]).CopyTo(targets.AsSpan(r * TargetCount, TargetCount));
        }

        return new Dataset(features, FeatureCount, targets, TargetCount, (string[]?)_classNames?.Clone());
    }
}
