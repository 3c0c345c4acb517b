using NetGen.Tests.Data;

namespace NetGen.Tests.Training;

/// <summary>The repository's bundled data sets (data/, see data/README.md), loaded and prepared as a user would: FromCsv, Split, Standardizer.</summary>
internal static class BundledData
{
    public static Dataset Iris() => Dataset.FromCsv(RepoFiles.DataSet("iris.csv"), "species");

    public static Dataset Digits() => Dataset.FromCsv(RepoFiles.DataSet("digits.csv.gz"), "digit");

    /// <summary>Regression on disease progression; explicit because its values (151.0, 75.0, ...) all parse as integers.</summary>
    public static Dataset Diabetes() => Dataset.FromCsv(RepoFiles.DataSet("diabetes.csv"), "progression", TargetKind.Regression);

    /// <summary>80 % / 20 % split from <paramref name="seed"/>, both parts standardised with statistics of the training part only.</summary>
    public static (Dataset Train, Dataset Test, Standardizer Standardizer) SplitAndStandardize(Dataset data, int seed)
    {
        (Dataset train, Dataset test) = data.Split(0.8, seed);
        Standardizer standardizer = Standardizer.Fit(train);
        standardizer.Apply(train);
        standardizer.Apply(test);
        return (train, test, standardizer);
    }
}
