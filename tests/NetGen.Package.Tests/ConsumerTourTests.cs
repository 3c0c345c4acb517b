using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Xunit;

namespace NetGen.Package.Tests;

/// <summary>
/// The consumer project for <see cref="ConsumerTourTests"/>, built once: created from the template, given the package,
/// run once to write its weights into the project folder, given Baked.cs (a network that embeds those weights), then
/// built and run again (JIT) and published with NativeAOT.
/// </summary>
public sealed class TourConsumer : IDisposable
{
    private readonly Lazy<CommandResult> jitBuild;
    private readonly Lazy<CommandResult> jitRun;
    private readonly Lazy<(CommandResult Publish, string Binary)> aotPublish;

    public TourConsumer()
    {
        Project = new ConsumerProject("IrisApp");
        jitBuild = new Lazy<CommandResult>(() =>
        {
            Project.CreateWithPackage();
            Project.CopyIn("Program.cs");
            Project.CopyIn("iris.csv");
            string project = File.ReadAllText(Project.ProjectFile);
            File.WriteAllText(Project.ProjectFile, project.Replace("</Project>",
                "  <ItemGroup>\n    <None Include=\"iris.csv\" CopyToOutputDirectory=\"PreserveNewest\" />\n  </ItemGroup>\n</Project>"));

            // First run: no Baked.cs yet; it saves the trained weights into the project folder.
            Project.Dotnet("build", "-c", "Release").EnsureSuccess();
            Project.Dotnet("run", "-c", "Release", "--no-build", "--", Path.Combine(Project.Directory, "iris.safetensors")).EnsureSuccess();
            Project.CopyIn("Baked.cs");
            return Project.Dotnet("build", "-c", "Release").EnsureSuccess();
        });
        jitRun = new Lazy<CommandResult>(() =>
        {
            _ = jitBuild.Value;
            return Project.Dotnet("run", "-c", "Release", "--no-build").EnsureSuccess();
        });
        aotPublish = new Lazy<(CommandResult, string)>(() =>
        {
            _ = jitRun.Value;
            Project.AddProperties("<PublishAot>true</PublishAot>");
            string output = Path.Combine(Project.Directory, "aot");
            CommandResult publish = Project.Dotnet("publish", "-c", "Release", "-o", output).EnsureSuccess();
            return (publish, Path.Combine(output, "IrisApp"));
        });
    }

    public ConsumerProject Project { get; }

    public CommandResult JitBuild => jitBuild.Value;

    public CommandResult JitRun => jitRun.Value;

    public (CommandResult Publish, string Binary) AotPublish => aotPublish.Value;

    public string BuildOutputDirectory => Path.Combine(Project.Directory, "bin", "Release", "net10.0");

    public void Dispose() => Project.Dispose();
}

/// <summary>The README's tour in a fresh console project that references the NetGen package, run as JIT and as NativeAOT.</summary>
public sealed class ConsumerTourTests : IClassFixture<TourConsumer>
{
    private readonly TourConsumer consumer;

    public ConsumerTourTests(TourConsumer consumer) => this.consumer = consumer;

    [Fact]
    public void Package_build_reports_no_warnings()
    {
        Assert.Empty(ConsumerProject.DiagnosticLines(consumer.JitBuild));
    }

    [Fact]
    public void Tour_trains_saves_loads_and_classifies()
    {
        string[] lines = consumer.JitRun.Lines;
        string output = consumer.JitRun.Output;
        Assert.Contains("epochs: 60", lines);
        // Iris with a 16-unit hidden layer: the repository's QuickStart reaches 0.9667 on this split; 0.9 leaves room
        // for nothing but a broken package (a network that does not train scores about 0.33).
        double accuracy = double.Parse(Value(lines, "test accuracy: "), CultureInfo.InvariantCulture);
        Assert.True(accuracy >= 0.9, $"test accuracy {accuracy}:\n{output}");
        Assert.Contains("loaded equals trained: True", lines);
        Assert.Contains("class: 2 virginica", lines);
        // The embedded copy of the saved weights gives the same class, with no file read at run time.
        Assert.Contains("baked: class 2", lines);
        float[] probabilities = Value(lines, "probabilities: ").Split(' ').Select(p => float.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(3, probabilities.Length);
        Assert.InRange(probabilities.Sum(), 0.997f, 1.003f); // three values rounded to 3 decimals: each off by at most 0.0005
        Assert.True(probabilities[2] > 0.5f, output);
    }

    [Fact]
    public void Generator_is_not_a_runtime_dependency()
    {
        _ = consumer.JitBuild;
        string bin = consumer.BuildOutputDirectory;
        Assert.True(File.Exists(Path.Combine(bin, "NetGen.Runtime.dll")), "NetGen.Runtime.dll missing from " + bin);
        Assert.False(File.Exists(Path.Combine(bin, "NetGen.Generator.dll")), "the generator was copied to the application output");
        string deps = File.ReadAllText(Path.Combine(bin, "IrisApp.deps.json"));
        Assert.Contains("NetGen.Runtime.dll", deps, StringComparison.Ordinal);
        Assert.DoesNotContain("NetGen.Generator", deps, StringComparison.Ordinal);
    }

    [Fact]
    public void NativeAot_binary_prints_the_same_output_without_trim_or_aot_warnings()
    {
        (CommandResult publish, string binary) = consumer.AotPublish;
        Assert.Empty(ConsumerProject.DiagnosticLines(publish));
        Assert.DoesNotContain(publish.Lines, l => l.Contains("warning", StringComparison.OrdinalIgnoreCase));
        Assert.True(File.Exists(binary), "no native binary at " + binary + ":\n" + publish.Output);
        CommandResult aotRun = consumer.Project.Run(binary).EnsureSuccess();
        Assert.Equal(consumer.JitRun.Lines, aotRun.Lines);
    }

    private static string Value(string[] lines, string prefix) =>
        lines.Single(l => l.StartsWith(prefix, StringComparison.Ordinal)).Substring(prefix.Length);
}
