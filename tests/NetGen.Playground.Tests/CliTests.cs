using System;
using System.IO;
using System.Linq;
using NetGen.Playground.Cli;
using Xunit;

namespace NetGen.Playground.Tests;

public sealed class CliTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "netgen-playground-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void The_issue_command_learns_the_spiral_and_writes_a_png_every_N_epochs()
    {
        CliOptions options = CliOptions.Parse(new[]
        {
            "--dataset", "spiral", "--hidden", "8,8", "--activation", "tanh", "--features", "x1,x2,sinx1,sinx2",
            "--epochs", "250", "--every", "100", "--out", _folder,
        });
        var log = new StringWriter();
        Assert.Equal(0, PlaygroundRun.Run(options, log));

        string[] pictures = Directory.GetFiles(_folder, "*.png").Select(Path.GetFileName).OrderBy(n => n).ToArray()!;
        Assert.Equal(new[] { "epoch-000100.png", "epoch-000200.png", "epoch-000250.png" }, pictures);
        foreach (string picture in Directory.GetFiles(_folder, "*.png"))
        {
            byte[] head = File.ReadAllBytes(picture).Take(8).ToArray();
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a }, head);
            Assert.True(new FileInfo(picture).Length > 20_000, "A 1200x560 chart with a heat map is tens of kilobytes; a blank one is not.");
        }

        // The same target as the browser test: seed 1 reaches it in about 60 epochs (PlaygroundSession's own test data).
        string last = log.ToString().Split('\n').Last(l => l.StartsWith("epoch", StringComparison.Ordinal));
        double testLoss = double.Parse(last.Split("test loss")[1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(testLoss < 0.1, last);
        Assert.Contains("[Dense(8, Activation.Tanh)]", log.ToString());
    }

    [Theory]
    [InlineData("--dataset", "moons", "--dataset")]
    [InlineData("--hidden", "8,9", "HiddenLayers")]
    [InlineData("--features", "x1,cosx2", "cosx2")]
    [InlineData("--epochs", "0", "--epochs")]
    [InlineData("--activation", "1", "--activation")]
    [InlineData("--bogus", "1", "--bogus")]
    public void Bad_options_are_named(string option, string value, string expected) =>
        Assert.Contains(expected, Record.Exception(() => CliOptions.Parse(new[] { option, value }))!.ToString());

    [Fact]
    public void Regression_sets_switch_the_problem_type()
    {
        CliOptions options = CliOptions.Parse(new[] { "--dataset", "multigaussian", "--hidden", "none" });
        Assert.Equal(ProblemKind.Regression, options.Settings.Problem);
        Assert.Equal(DatasetKind.MultiGaussian, options.Settings.ActiveDataset);
        Assert.Empty(options.Settings.HiddenLayers);
    }
}
