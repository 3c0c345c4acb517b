using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen.Samples.FashionMnist;

/// <summary>Reads the options; a mistake becomes a <see cref="UsageException"/> that says what was wrong.</summary>
internal static class CommandLine
{
    private static readonly TrainingDefaults F = TrainingDefaults.Fashion, D = TrainingDefaults.Digits;

    /// <summary>The help text; defaults are read from <see cref="TrainingDefaults"/> so they cannot drift apart.</summary>
    public static readonly string Usage = string.Create(CultureInfo.InvariantCulture, $"""
        Trains a NetGen network on Fashion-MNIST (or the bundled 8x8 digits when Fashion-MNIST is not installed).

        Usage: dotnet run -c Release --project samples/FashionMnist -- [options]

        Options:
          --data DIR             folder with the four Fashion-MNIST .gz files (default {SampleOptions.DefaultFashionDirectory})
          --dataset NAME         auto (default: Fashion-MNIST if found, else digits), fashion, or digits
          --epochs N             most epochs to train (default {F.Epochs} for Fashion-MNIST, {D.Epochs} for digits)
          --batch-size N         examples per mini-batch (default {F.BatchSize} / {D.BatchSize})
          --learning-rate X      Adam's initial learning rate (default {F.LearningRate} / {D.LearningRate}); multiplied by {F.PlateauFactor}
                                 after {F.PlateauPatience} / {D.PlateauPatience} epochs without a lower validation loss
          --patience N           stop after N epochs without a lower validation loss, keeping the best epoch's
                                 weights; 0 = never (default {F.Patience} / {D.Patience})
          --threads N            training threads; 0 = all cores (default 0)
          --seed N               seed for the split, the initial weights, shuffling and dropout (default 1)
          --out DIR              where the weights and the chart go (default ./out)
          -h, --help             show this help
        """);

    public static SampleOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SampleOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string name = arg;
            string? inlineValue = null;
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                name = arg[..equals];
                inlineValue = arg[(equals + 1)..];
            }

            string Value()
            {
                if (inlineValue is not null) return inlineValue;
                if (i + 1 >= args.Count) throw new UsageException($"{name} needs a value.");
                return args[++i];
            }

            options = name switch
            {
                "-h" or "--help" => options with { Help = true },
                "--epochs" => options with { Epochs = Integer(name, Value(), minimum: 1) },
                "--batch-size" => options with { BatchSize = Integer(name, Value(), minimum: 1) },
                "--learning-rate" or "--lr" => options with { LearningRate = PositiveFloat(name, Value()) },
                "--patience" => options with { Patience = Integer(name, Value(), minimum: 0) },
                "--threads" => options with { Threads = Integer(name, Value(), minimum: 0) },
                "--seed" => options with { Seed = Integer(name, Value(), minimum: int.MinValue) },
                "--out" => options with { OutputDirectory = NonEmpty(name, Value()) },
                "--data" => options with { DataDirectory = NonEmpty(name, Value()) },
                "--dataset" => options with { Data = Dataset(Value()) },
                _ when arg.StartsWith('-') => throw new UsageException($"Unknown option '{arg}'."),
                _ => throw new UsageException($"Unexpected argument '{arg}'; options start with --."),
            };
        }

        return options;
    }

    private static int Integer(string name, string text, int minimum)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
            throw new UsageException($"{name} needs a whole number; got '{text}'.");
        if (value < minimum) throw new UsageException($"{name} must be at least {minimum}; got {value}.");
        return value;
    }

    private static float PositiveFloat(string name, string text)
    {
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
            throw new UsageException($"{name} needs a number such as 0.001; got '{text}'.");
        if (value <= 0) throw new UsageException($"{name} must be greater than 0; got {text}.");
        return value;
    }

    private static string NonEmpty(string name, string text) =>
        text.Length > 0 ? text : throw new UsageException($"{name} needs a non-empty value.");

    private static DataChoice Dataset(string text) => text.ToLowerInvariant() switch
    {
        "auto" => DataChoice.Auto,
        "fashion" or "fashion-mnist" => DataChoice.Fashion,
        "digits" => DataChoice.Digits,
        _ => throw new UsageException($"--dataset must be auto, fashion or digits; got '{text}'."),
    };
}
