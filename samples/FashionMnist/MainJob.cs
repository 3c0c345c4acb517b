using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Spectre.Console;

namespace NetGen.Samples.FashionMnist;

/// <summary>The whole run: options, data, training, test, weights and chart. Exit codes: 0 done, 1 failed, 2 bad options.</summary>
internal static class MainJob
{
    public const int Success = 0, Failure = 1, BadOptions = 2;

    /// <param name="errors">Where mistakes and failures are reported (standard error for the real program).</param>
    public static int Run(string[] args, IAnsiConsole console, IAnsiConsole errors)
    {
        SampleOptions options;
        try
        {
            options = CommandLine.Parse(args);
        }
        catch (UsageException e)
        {
            errors.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            errors.WriteLine("Run with --help to see the options.");
            return BadOptions;
        }

        if (options.Help)
        {
            console.WriteLine(CommandLine.Usage);
            return Success;
        }

        try
        {
            Train(options, console);
            return Success;
        }
        catch (Exception e) when (e is DataMissingException or InvalidDataException or IOException or UnauthorizedAccessException or TrainingDivergedException)
        {
            errors.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return Failure;
        }
    }

    private static void Train(SampleOptions options, IAnsiConsole console)
    {
        var c = CultureInfo.InvariantCulture;
        var loading = Stopwatch.StartNew();
        SampleData data = SampleDataLoader.Load(options, console);
        TrainingDefaults d = data.Defaults;
        var adam = new Adam(options.LearningRate ?? d.LearningRate);
        var schedule = new ReduceOnPlateau(adam, d.PlateauPatience, d.PlateauFactor, adam.LearningRate * d.PlateauFloor);
        var training = new TrainingOptions
        {
            Epochs = options.Epochs ?? d.Epochs,
            BatchSize = options.BatchSize ?? d.BatchSize,
            Optimizer = adam,
            Validation = data.Validation,
            EarlyStoppingPatience = options.Patience ?? d.Patience,
            Seed = options.Seed,
            Threads = options.Threads,
        };
        console.WriteLine(string.Format(c, "{0}: {1:N0} training, {2:N0} validation, {3:N0} test examples, {4} features, {5} classes (loaded in {6:F1} s)",
            data.Title, data.Train.Count, data.Validation.Count, data.Test.Count, data.Train.FeatureCount, data.Train.TargetCount, loading.Elapsed.TotalSeconds));

        INetwork network = data.CreateNetwork(options.Seed);
        console.WriteLine(network.Summary().TrimEnd());
        int threads = options.Threads == 0 ? Environment.ProcessorCount : options.Threads;
        console.WriteLine(string.Format(c, "Adam, learning rate {0}, x{1} after {2} epochs without a lower validation loss; batch size {3}",
            adam.LearningRate, schedule.Factor, schedule.Patience, training.BatchSize));
        console.WriteLine(string.Format(c, "Up to {0} epochs, early stopping after {1} without a lower validation loss; {2} thread(s), seed {3}",
            training.Epochs, training.EarlyStoppingPatience, threads, training.Seed));
        console.WriteLine();

        var clock = Stopwatch.StartNew();
        TrainingHistory history = LiveTraining.Fit(network, data.Train, training, schedule, console);
        double seconds = clock.Elapsed.TotalSeconds;
        console.WriteLine();
        console.WriteLine(string.Format(c, "Trained {0} epochs in {1:F1} s{2}.", history.Count, seconds,
            history.RestoredBestEpoch ? $"; kept the weights of epoch {history.BestEpoch}, the lowest validation loss" : ""));

        Evaluation test = network.Evaluate(data.Test);
        console.WriteLine();
        console.Write(ConfusionMatrixTable.Create(test));
        console.WriteLine();

        Directory.CreateDirectory(options.OutputDirectory);
        string weights = Path.GetFullPath(Path.Combine(options.OutputDirectory, data.FileStem + ".safetensors"));
        network.Save(weights, data.Standardizer);
        string chart = Path.GetFullPath(Path.Combine(options.OutputDirectory, data.FileStem + "-training.png"));
        TrainingChart.Save(history, data.Title, chart);
        console.WriteLine($"Weights and standardizer: {weights}");
        console.WriteLine($"Chart: {chart}");
        console.WriteLine(string.Format(c, "Test loss: {0:F4}", test.Loss));
        console.WriteLine(string.Format(c, "Test accuracy: {0:F4}", test.Accuracy ?? double.NaN));
    }
}
