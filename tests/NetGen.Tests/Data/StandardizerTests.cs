using System;
using Xunit;

namespace NetGen.Tests.Data;

public class StandardizerTests
{
    [Fact]
    public void MeanAndPopulationStandardDeviation()
    {
        // Feature 0: 1, 2, 3, 4 -> mean 2.5, population variance 1.25. Feature 1 is constant.
        var d = new Dataset(new float[] { 1, 7, 2, 7, 3, 7, 4, 7 }, 2, new float[4], 1);
        Standardizer s = Standardizer.Fit(d);
        Assert.Equal(2.5f, s.Means[0]);
        Assert.Equal((float)Math.Sqrt(1.25), s.StandardDeviations[0]);
        Assert.Equal(7f, s.Means[1]);
        Assert.Equal(1f, s.StandardDeviations[1]); // constant feature: std 1 by design, so it maps to 0, not NaN

        s.Apply(d);
        Assert.Equal(-1.5f / (float)Math.Sqrt(1.25), d.Features(0)[0]);
        Assert.Equal(0f, d.Features(3)[1]);
    }

    [Fact]
    public void StandardisedTrainingDataHasZeroMeanUnitVariance()
    {
        Dataset iris = Dataset.FromCsv(RepoFiles.DataSet("iris.csv"), "species");
        (Dataset train, Dataset test) = iris.Split(0.8, 1);
        float testBefore = test.Features(0)[2];
        Standardizer s = Standardizer.Fit(train);
        s.Apply(train);
        for (int j = 0; j < train.FeatureCount; j++)
        {
            double sum = 0, squares = 0;
            for (int i = 0; i < train.Count; i++) sum += train.Features(i)[j];
            double mean = sum / train.Count;
            for (int i = 0; i < train.Count; i++) squares += Math.Pow(train.Features(i)[j] - mean, 2);
            // Float rounding of 120 standardised values: errors of a few 1e-7 each.
            Assert.InRange(mean, -1e-5, 1e-5);
            Assert.InRange(squares / train.Count, 1 - 1e-5, 1 + 1e-5);
        }

        // The test set is transformed with the training statistics, not its own.
        s.Apply(test);
        Assert.Equal((testBefore - s.Means[2]) / s.StandardDeviations[2], test.Features(0)[2]);
    }

    [Fact]
    public void ApplyToOneExampleMatchesApplyToDataset()
    {
        Dataset d = Dataset.FromCsv(RepoFiles.DataSet("diabetes.csv"), "progression");
        Standardizer s = Standardizer.Fit(d);
        float[] row = d.Features(5).ToArray();
        s.Apply(row);
        s.Apply(d);
        Assert.Equal(d.Features(5).ToArray(), row);
    }

    [Fact]
    public void LargeMeanSmallSpreadKeepsItsPrecision()
    {
        // Mean 1e4, spread 1e-2: the one-pass E[x^2] - E[x]^2 formula would lose this to cancellation in float.
        var values = new float[] { 10000.01f, 9999.99f, 10000.01f, 9999.99f };
        Standardizer s = Standardizer.Fit(new Dataset(values, 1, new float[4], 1));
        // The floats nearest those decimals are 10000.0098 and 9999.9902: std is exactly half their difference.
        Assert.Equal((float)((10000.01f - (double)9999.99f) / 2), s.StandardDeviations[0]);
    }

    [Fact]
    public void WrongSizesNameTheNumbers()
    {
        var s = new Standardizer(new float[] { 0, 0 }, new float[] { 1, 1 });
        var e = Assert.Throws<ArgumentException>(() => s.Apply(new float[3].AsSpan()));
        Assert.Contains("Expected 2 features; got 3", e.Message);
        var d = new Dataset(new float[3], 3, new float[1], 1);
        Assert.Contains("2 features but the dataset has 3", Assert.Throws<ArgumentException>(() => s.Apply(d)).Message);
        Assert.Throws<ArgumentException>(() => new Standardizer(new float[] { 0 }, new float[] { 0 }));
        Assert.Throws<ArgumentException>(() => Standardizer.Fit(new Dataset(Array.Empty<float>(), 1, Array.Empty<float>(), 1)));
        Assert.Throws<ArgumentException>(() => Standardizer.Fit(new Dataset(new[] { float.NaN }, 1, new float[1], 1)));
    }
}
