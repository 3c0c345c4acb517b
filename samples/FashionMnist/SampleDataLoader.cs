using System;
using System.IO;
using System.Linq;
using Spectre.Console;

namespace NetGen.Samples.FashionMnist;

/// <summary>Finds, loads, splits and standardises Fashion-MNIST or the bundled digits.</summary>
internal static class SampleDataLoader
{
    public const string InstallHint = "sudo apt-get install dataset-fashion-mnist";

    private static readonly string[] FashionFiles =
        { "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" };

    /// <summary>Fraction of the training examples kept for training; the rest is the validation set for early stopping.</summary>
    private const double TrainFraction = 0.9;

    /// <summary>The digits have no separate test file: this fraction of them is held out as the test set.</summary>
    private const double DigitsTestFraction = 0.2;

    public static SampleData Load(SampleOptions options, IAnsiConsole console)
    {
        string[]? fashion = FindFashion(options.DataDirectory);
        switch (options.Data)
        {
            case DataChoice.Fashion when fashion is null:
                throw new DataMissingException(
                    $"Fashion-MNIST was not found in {options.DataDirectory} (it needs {string.Join(", ", FashionFiles.Select(f => f + ".gz"))})." +
                    Environment.NewLine + $"Install it with '{InstallHint}', or pass --data DIR.");
            case DataChoice.Auto when fashion is null:
                console.MarkupLine($"[yellow]Fashion-MNIST was not found in {Markup.Escape(options.DataDirectory)}.[/]");
                console.MarkupLine($"[yellow]Get it with '[bold]{InstallHint}[/]' (or pass --data DIR with the four .gz files).[/]");
                console.MarkupLine("[yellow]Training on the bundled 8x8 handwritten digits instead.[/]");
                console.WriteLine();
                return Digits(options.Seed);
            case DataChoice.Digits:
                return Digits(options.Seed);
            default:
                return Fashion(fashion!, options.Seed);
        }
    }

    private static SampleData Fashion(string[] files, int seed)
    {
        Dataset all = Dataset.FromIdx(files[0], files[1], Dataset.FashionMnistClassNames);
        Dataset test = Dataset.FromIdx(files[2], files[3], Dataset.FashionMnistClassNames);
        (Dataset train, Dataset validation) = all.Split(TrainFraction, seed);
        return Prepare("Fashion-MNIST", "fashion-mnist", train, validation, test, TrainingDefaults.Fashion, s => new FashionNet(s));
    }

    private static SampleData Digits(int seed)
    {
        Dataset all = Dataset.FromCsv(BundledDigitsPath(), "digit");
        (Dataset trainAndValidation, Dataset test) = all.Split(1 - DigitsTestFraction, seed);
        (Dataset train, Dataset validation) = trainAndValidation.Split(TrainFraction, seed);
        return Prepare("8x8 digits (bundled)", "digits", train, validation, test, TrainingDefaults.Digits, s => new DigitsNet(s));
    }

    private static SampleData Prepare(string title, string stem, Dataset train, Dataset validation, Dataset test,
        TrainingDefaults defaults, Func<int, INetwork> create)
    {
        Standardizer standardizer = Standardizer.Fit(train);
        standardizer.Apply(train);
        standardizer.Apply(validation);
        standardizer.Apply(test);
        return new SampleData(title, stem, train, validation, test, standardizer, defaults, create);
    }

    /// <summary>The four files, gzip or raw, in the order train images, train labels, test images, test labels; null if any is missing.</summary>
    private static string[]? FindFashion(string directory)
    {
        var found = new string[FashionFiles.Length];
        for (int i = 0; i < FashionFiles.Length; i++)
        {
            string gz = Path.Combine(directory, FashionFiles[i] + ".gz"), raw = Path.Combine(directory, FashionFiles[i]);
            if (File.Exists(gz)) found[i] = gz;
            else if (File.Exists(raw)) found[i] = raw;
            else return null;
        }

        return found;
    }

    /// <summary>The csproj copies data/digits.csv.gz beside the program, so this works from any working directory.</summary>
    private static string BundledDigitsPath()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz");
        return File.Exists(path)
            ? path
            : throw new DataMissingException($"The bundled digits file is missing: expected {path} (the build copies it from data/digits.csv.gz).");
    }
}
