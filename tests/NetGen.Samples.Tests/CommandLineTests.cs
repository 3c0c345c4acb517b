using System;
using NetGen.Samples.FashionMnist;
using Xunit;

namespace NetGen.Samples.Tests;

/// <summary>The main job's options: help, mistakes (exit code 2 with a message that names the problem) and missing data.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void Help_lists_every_option_and_succeeds()
    {
        SampleRun run = SampleRun.Of("--help");
        Assert.Equal(MainJob.Success, run.ExitCode);
        foreach (string option in new[] { "--epochs", "--batch-size", "--learning-rate", "--threads", "--out", "--data", "--seed", "--patience", "--dataset" })
            Assert.Contains(option, run.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--epochs 0", "--epochs must be at least 1; got 0.")]
    [InlineData("--epochs ten", "--epochs needs a whole number; got 'ten'.")]
    [InlineData("--batch-size", "--batch-size needs a value.")]
    [InlineData("--learning-rate -0.1", "--learning-rate must be greater than 0; got -0.1.")]
    [InlineData("--learning-rate NaN", "--learning-rate needs a number such as 0.001; got 'NaN'.")]
    [InlineData("--threads -1", "--threads must be at least 0; got -1.")]
    [InlineData("--patience=-2", "--patience must be at least 0; got -2.")]
    [InlineData("--dataset cifar", "--dataset must be auto, fashion or digits; got 'cifar'.")]
    [InlineData("--epoch 3", "Unknown option '--epoch'.")]
    [InlineData("train", "Unexpected argument 'train'; options start with --.")]
    public void A_bad_option_exits_with_code_2_and_says_what_is_wrong(string args, string message)
    {
        SampleRun run = SampleRun.Of(args.Split(' '));
        Assert.Equal(MainJob.BadOptions, run.ExitCode);
        Assert.Contains(message, run.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_may_follow_an_equals_sign()
    {
        SampleOptions options = CommandLine.Parse(new[] { "--epochs=3", "--learning-rate=0.01", "--out=x", "--dataset=digits" });
        Assert.Equal(3, options.Epochs);
        Assert.Equal(0.01f, options.LearningRate);
        Assert.Equal("x", options.OutputDirectory);
        Assert.Equal(DataChoice.Digits, options.Data);
    }

    [Fact]
    public void Asking_for_Fashion_MNIST_where_it_is_missing_fails_with_how_to_install_it()
    {
        SampleRun run = SampleRun.Of("--dataset", "fashion", "--data", "/nonexistent/fashion-mnist");
        Assert.Equal(MainJob.Failure, run.ExitCode);
        Assert.Contains("Fashion-MNIST was not found in /nonexistent/fashion-mnist", run.Text, StringComparison.Ordinal);
        Assert.Contains("sudo apt-get install dataset-fashion-mnist", run.Text, StringComparison.Ordinal);
    }
}
