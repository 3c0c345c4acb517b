using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Playground;

namespace NetGen.Playground.Cli;

/// <summary>The command line: Playground settings plus how long to train and where to write the pictures.</summary>
internal sealed class CliOptions
{
    public const string Usage = """
        Usage: dotnet run --project samples/Playground.Cli -- [options]
          --dataset NAME              circle, xor, gaussian, spiral (classification); plane, multigaussian (regression). Default circle.
          --features LIST             comma-separated: x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2. Default x1,x2.
          --hidden LIST               neurons per hidden layer, e.g. 8,8 (0-6 layers of 1-8); "none" for no hidden layer. Default 4,2.
          --activation NAME           relu, tanh, sigmoid, linear. Default tanh.
          --learning-rate X           SGD step. Default 0.03.
          --regularization NAME       none, l1 or l2. Default none.
          --regularization-rate X     Default 0.
          --batch-size N              1-30. Default 10.
          --noise N                   percent, 0-50. Default 0.
          --train-percent N           10-90. Default 50.
          --epochs N                  Default 500.
          --every N                   write a picture every N epochs (and after the last). Default 100.
          --seed N                    seeds the data and the network. Default 1.
          --out DIR                   Default ./out/playground.
        """;

    public PlaygroundSettings Settings { get; } = new();

    public int Epochs { get; private set; } = 500;

    public int Every { get; private set; } = 100;

    public string OutputFolder { get; private set; } = System.IO.Path.Combine("out", "playground");

    public bool Help { get; private set; }

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public static CliOptions Parse(IReadOnlyList<string> args)
    {
        var options = new CliOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (name is "-h" or "--help") { options.Help = true; continue; }
            if (i + 1 >= args.Count) throw new ArgumentException($"{name} needs a value.");
            string value = args[++i];
            PlaygroundSettings s = options.Settings;
            switch (name)
            {
                case "--dataset":
                    DatasetKind kind = ParseEnum<DatasetKind>(name, value);
                    s.Problem = DataGenerators.ProblemOf(kind);
                    if (s.Problem == ProblemKind.Regression) s.RegressionDataset = kind; else s.Dataset = kind;
                    break;
                case "--features": s.Features = Features.Parse(value).ToList(); break;
                case "--hidden":
                    s.HiddenLayers = value.Equals("none", StringComparison.OrdinalIgnoreCase)
                        ? new List<int>()
                        : value.Split(',', StringSplitOptions.TrimEntries).Select(v => Int(name, v)).ToList();
                    break;
                case "--activation": s.Activation = ParseEnum<HiddenActivation>(name, value); break;
                case "--learning-rate": s.LearningRate = Float(name, value); break;
                case "--regularization": s.Regularization = ParseEnum<Regularization>(name, value); break;
                case "--regularization-rate": s.RegularizationRate = Float(name, value); break;
                case "--batch-size": s.BatchSize = Int(name, value); break;
                case "--noise": s.NoisePercent = Int(name, value); break;
                case "--train-percent": s.TrainPercent = Int(name, value); break;
                case "--epochs": options.Epochs = Positive(name, value); break;
                case "--every": options.Every = Positive(name, value); break;
                case "--seed": s.DataSeed = s.NetworkSeed = Int(name, value); break;
                case "--out": options.OutputFolder = value; break;
                default: throw new ArgumentException($"Unknown option {name}.");
            }
        }

        options.Settings.Validate();
        return options;
    }

    private static T ParseEnum<T>(string option, string value) where T : struct, Enum =>
        Enum.TryParse(value, ignoreCase: true, out T result) && Enum.IsDefined(result) && !int.TryParse(value, out _)
            ? result
            : throw new ArgumentException($"{option}: '{value}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");

    private static int Int(string option, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int result) ? result : throw new ArgumentException($"{option}: '{value}' is not a whole number.");

    private static int Positive(string option, string value) =>
        Int(option, value) is var result and > 0 ? result : throw new ArgumentException($"{option} must be at least 1; it is {value}.");

    private static float Float(string option, string value) =>
        float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out float result) ? result : throw new ArgumentException($"{option}: '{value}' is not a number.");
}
