using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace NetGen.Tests.Data;

public class SplitTests
{
    private static Dataset Iris() => Dataset.FromCsv(RepoFiles.DataSet("iris.csv"), "species");

    [Fact]
    public void StratifiedSplitKeepsClassProportions()
    {
        (Dataset a, Dataset b) = Iris().Split(0.8, seed: 1);
        Assert.Equal(120, a.Count);
        Assert.Equal(30, b.Count);
        // 50 per class in iris: exactly 40 / 10 of each on the two sides.
        Assert.Equal(new[] { 40, 40, 40 }, ClassCounts(a));
        Assert.Equal(new[] { 10, 10, 10 }, ClassCounts(b));
        Assert.Equal(new[] { "setosa", "versicolor", "virginica" }, a.ClassNames);
    }

    [Fact]
    public void UnevenClassesStillAddUpToTheRequestedSize()
    {
        // Classes of 7, 2 and 1 examples: per-class rounding alone would give 6 + 2 + 1 = 9 for a 7-example part.
        var labels = new[] { 0, 0, 0, 0, 0, 0, 0, 1, 1, 2 };
        var targets = new float[labels.Length * 3];
        for (int i = 0; i < labels.Length; i++) targets[i * 3 + labels[i]] = 1;
        var d = new Dataset(Enumerable.Range(0, 10).Select(i => (float)i).ToArray(), 1, targets, 3, new[] { "a", "b", "c" });
        (Dataset a, Dataset b) = d.Split(0.7, seed: 3);
        Assert.Equal(7, a.Count);
        Assert.Equal(3, b.Count);
        Assert.Equal(5, ClassCounts(a)[0]);
    }

    [Fact]
    public void SplitIsAPartitionWithTargetsKeptWithTheirFeatures()
    {
        Dataset d = Iris();
        (Dataset a, Dataset b) = d.Split(0.7, seed: 9);
        var original = Rows(d);
        var parts = Rows(a).Concat(Rows(b)).ToList();
        Assert.Equal(original.OrderBy(r => r, StringComparer.Ordinal), parts.OrderBy(r => r, StringComparer.Ordinal));
    }

    [Fact]
    public void SameSeedSameSplitOtherSeedOtherSplit()
    {
        Dataset d = Iris();
        Assert.Equal(Rows(d.Split(0.8, 5).First), Rows(d.Split(0.8, 5).First));
        Assert.NotEqual(Rows(d.Split(0.8, 5).First), Rows(d.Split(0.8, 6).First));
    }

    [Fact]
    public void ResultIsShuffled()
    {
        // Iris is sorted by class; a split that kept index order would start with 40 setosa.
        Dataset a = Iris().Split(0.8, 1).First;
        Assert.True(Enumerable.Range(0, 10).Select(a.Label).Distinct().Count() > 1);
    }

    [Fact]
    public void RegressionSplitsWithoutStrata()
    {
        Dataset d = Dataset.FromCsv(RepoFiles.DataSet("diabetes.csv"), "progression");
        (Dataset a, Dataset b) = d.Split(0.75, 2);
        Assert.Equal(332, a.Count);
        Assert.Equal(110, b.Count);
        Assert.Null(a.ClassNames);
    }

    [Fact]
    public void SplitCopiesTheData()
    {
        Dataset d = Iris();
        (Dataset a, _) = d.Split(0.5, 1);
        a.AllFeatures.Clear();
        Assert.Equal(5.1f, d.Features(0)[0]);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void FractionOutOfRange(double fraction) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Iris().Split(fraction, 1));

    [Fact]
    public void EmptyPartIsRejected()
    {
        var d = new Dataset(new float[] { 1, 2, 3 }, 1, new float[] { 1, 2, 3 }, 1);
        var e = Assert.Throws<ArgumentException>(() => d.Split(0.1, 1));
        Assert.Contains("leaves 0 and 3", e.Message);
    }

    private static int[] ClassCounts(Dataset d)
    {
        var counts = new int[d.TargetCount];
        for (int i = 0; i < d.Count; i++) counts[d.Label(i)]++;
        return counts;
    }

    private static List<string> Rows(Dataset d) =>
        Enumerable.Range(0, d.Count).Select(i => string.Join(",", d.Features(i).ToArray()) + "|" + string.Join(",", d.Target(i).ToArray())).ToList();
}
