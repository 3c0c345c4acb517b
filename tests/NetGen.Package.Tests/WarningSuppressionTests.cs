using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace NetGen.Package.Tests;

/// <summary>
/// Every NG warning that a declaration can cause, suppressed and escalated the four ways a C# developer expects, in
/// real `dotnet build`s of a project that references the package. NG0099 (internal error) has no declaration that
/// causes it, and NG0025 is Info, which builds do not print (the .editorconfig test raises it to a warning instead).
/// </summary>
public sealed class WarningSuppressionTests : IClassFixture<WarningSuppressionTests.WarningsConsumer>
{
    /// <summary>Each NG warning, a declaration causing it, and the line of the declaration (0-based) it is reported on.</summary>
    private static readonly (string Id, string Declaration, int ReportedLine)[] Warnings =
    {
        ("NG0007", "[Network(3)]\n[Dense(4, Activation.Relu)]\n[Dense(1, Activation.Softmax)]\npublic partial class SoftmaxOfOne;", 2),
        ("NG0010", "[Network(3)]\n[Dense(4, Activation.Relu, Alpha = 0.2f)]\n[Dense(2, Activation.Sigmoid)]\npublic partial class IgnoredAlpha;", 1),
        ("NG0024", "[Network(3)]\n[Dense(4, Activation.Relu)]\n[Dropout(0f)]\n[Dense(2, Activation.Sigmoid)]\npublic partial class DropoutZero;", 2),
        ("NG0021", "/// <summary>Has a layer but no [Network].</summary>\n[Dense(3, Activation.Relu)]\npublic partial class Forgotten;", 1),
    };

    /// <summary>NG0025 is Info; the .editorconfig test raises it to a warning.</summary>
    private const string InfoDeclaration = "[Network(3)]\n[Dense(4)]\n[Dense(2, Activation.Sigmoid)]\npublic partial class LinearHidden;";

    /// <summary>The source file: every declaration, each optionally between pragmas, then the Info one.</summary>
    private static (string Source, Dictionary<string, int> Lines) Compose(Func<string, (string Before, string After)> pragmas)
    {
        var lines = new List<string> { "using NetGen;", "" };
        var reportedAt = new Dictionary<string, int>();
        foreach ((string id, string declaration, int reportedLine) in Warnings)
        {
            (string before, string after) = pragmas(id);
            lines.Add(before);
            reportedAt[id] = lines.Count + reportedLine + 1; // 1-based, as the compiler prints
            lines.AddRange(declaration.Split('\n'));
            lines.Add(after);
        }
        reportedAt["NG0025"] = lines.Count + 2;
        lines.AddRange(InfoDeclaration.Split('\n'));
        return (string.Join('\n', lines) + "\n", reportedAt);
    }

    private static (string Source, Dictionary<string, int> Lines) Unsuppressed() => Compose(_ => ("", ""));

    private readonly WarningsConsumer consumer;

    public WarningSuppressionTests(WarningsConsumer consumer) => this.consumer = consumer;

    [Fact]
    public void Every_warning_is_reported_at_its_declaration()
    {
        (string source, Dictionary<string, int> lines) = Unsuppressed();
        Build build = consumer.Build(source, editorConfig: null, properties: Array.Empty<string>());
        Assert.Equal(Warnings.Select(w => new Reported("warning", w.Id, lines[w.Id])).OrderBy(r => r.Id), build.Diagnostics.OrderBy(r => r.Id));
    }

    [Fact]
    public void Pragma_disable_silences_each_warning_and_restore_ends_it()
    {
        // Each declaration between `#pragma warning disable ID` and `restore ID`, then a copy of the NG0010 one after
        // the restores, which must still warn.
        (string source, _) = Compose(id => ("#pragma warning disable " + id, "#pragma warning restore " + id));
        const string after = "[Network(3)]\n[Dense(4, Activation.Relu, Alpha = 0.2f)]\n[Dense(2, Activation.Sigmoid)]\npublic partial class IgnoredAlphaAfterRestore;\n";
        int afterLine = source.Split('\n').Length + 1; // its [Dense] with Alpha: the line after the [Network]
        Build build = consumer.Build(source + after, editorConfig: null, properties: Array.Empty<string>());
        Assert.Equal(new[] { new Reported("warning", "NG0010", afterLine) }, build.Diagnostics);
    }

    [Fact]
    public void NoWarn_silences_every_warning()
    {
        string noWarn = "-p:NoWarn=" + string.Join("%3B", Warnings.Select(w => w.Id));
        Build build = consumer.Build(Unsuppressed().Source, editorConfig: null, properties: new[] { noWarn });
        Assert.Equal(0, build.ExitCode);
        Assert.Empty(build.Diagnostics);
    }

    [Fact]
    public void EditorConfig_severity_silences_and_escalates()
    {
        // The first two silenced, the other two made errors, and the Info NG0025 made a warning.
        string[] ids = Warnings.Select(w => w.Id).ToArray();
        string editorConfig = "root = true\n[*.cs]\n"
            + $"dotnet_diagnostic.{ids[0]}.severity = none\ndotnet_diagnostic.{ids[1]}.severity = none\n"
            + $"dotnet_diagnostic.{ids[2]}.severity = error\ndotnet_diagnostic.{ids[3]}.severity = error\n"
            + "dotnet_diagnostic.NG0025.severity = warning\n";
        (string source, Dictionary<string, int> lines) = Unsuppressed();
        Build build = consumer.Build(source, editorConfig, properties: Array.Empty<string>());
        Assert.NotEqual(0, build.ExitCode);
        Reported[] expected =
        {
            new("error", ids[2], lines[ids[2]]), new("error", ids[3], lines[ids[3]]), new("warning", "NG0025", lines["NG0025"]),
        };
        Assert.Equal(expected.OrderBy(r => r.Id), build.Diagnostics.OrderBy(r => r.Id));
    }

    [Fact]
    public void WarningsAsErrors_escalates_every_warning()
    {
        string asErrors = "-p:WarningsAsErrors=" + string.Join("%3B", Warnings.Select(w => w.Id));
        (string source, Dictionary<string, int> lines) = Unsuppressed();
        Build build = consumer.Build(source, editorConfig: null, properties: new[] { asErrors });
        Assert.NotEqual(0, build.ExitCode);
        Assert.Equal(Warnings.Select(w => new Reported("error", w.Id, lines[w.Id])).OrderBy(r => r.Id), build.Diagnostics.OrderBy(r => r.Id));
    }

    public sealed record Reported(string Severity, string Id, int Line);

    public sealed record Build(int ExitCode, IReadOnlyList<Reported> Diagnostics);

    /// <summary>A console project with the package, rebuilt from scratch for each variant.</summary>
    public sealed class WarningsConsumer : IDisposable
    {
        private readonly Lazy<ConsumerProject> project = new(() =>
        {
            var created = new ConsumerProject("WarningsApp");
            created.CreateWithPackage();
            return created;
        });

        public Build Build(string source, string? editorConfig, string[] properties)
        {
            ConsumerProject consumer = project.Value;
            consumer.Write("Program.cs", "System.Console.WriteLine(\"warnings\");\n");
            consumer.Write("Networks.cs", source);
            string editorConfigPath = Path.Combine(consumer.Directory, ".editorconfig");
            if (editorConfig is null) File.Delete(editorConfigPath);
            else File.WriteAllText(editorConfigPath, editorConfig);

            CommandResult result = consumer.Dotnet(new[] { "build", "-c", "Release", "--no-incremental" }.Concat(properties).ToArray());
            var reported = new List<Reported>();
            foreach (string line in ConsumerProject.DiagnosticLines(result))
            {
                Match match = Regex.Match(line, @"Networks\.cs\((\d+),\d+\):\s+(warning|error)\s+(NG\d{4})");
                if (match.Success) reported.Add(new Reported(match.Groups[2].Value, match.Groups[3].Value, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
                else if (!line.Contains("warning CS8785", StringComparison.Ordinal)) Assert.Fail("unexpected diagnostic: " + line + "\n" + result.Output);
            }
            return new Build(result.ExitCode, reported.Distinct().ToArray());
        }

        public void Dispose()
        {
            if (project.IsValueCreated) project.Value.Dispose();
        }
    }
}
