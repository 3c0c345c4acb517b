using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NetGen.Samples.FashionMnist;
using Spectre.Console;

namespace NetGen.Samples.Tests;

/// <summary>One in-process run of the main job with its console (standard output and error together) captured as plain text, as CI's redirected output shows it.</summary>
internal sealed record SampleRun(int ExitCode, string Output)
{
    public static SampleRun Of(params string[] args)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 120;
        int exitCode = MainJob.Run(args, console, console);
        return new SampleRun(exitCode, writer.ToString());
    }

    /// <summary>The output with every run of whitespace made one space, so checks for phrases ignore where the console wrapped lines.</summary>
    public string Text => Regex.Replace(Output, @"\s+", " ");

    public string LastLine => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).Last(l => l.Length > 0);

    /// <summary>The accuracy from the final line, which must read exactly "Test accuracy: 0.xxxx".</summary>
    public double TestAccuracy
    {
        get
        {
            const string prefix = "Test accuracy: ";
            string line = LastLine;
            if (!line.StartsWith(prefix, StringComparison.Ordinal) || line.Length != prefix.Length + 6)
                throw new InvalidOperationException($"The last line is '{line}', not 'Test accuracy: 0.xxxx'. Output:\n{Output}");
            return double.Parse(line[prefix.Length..], CultureInfo.InvariantCulture);
        }
    }
}
