using System;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace NetGen.Package.Tests;

/// <summary>
/// NG0040/NG0041 in a real build of a project that references the package, with the SDK's own compiler and C# 14, so
/// collection expressions (newer than the analyzer's Roslyn 4.3 API) are covered too: each mistake is an error at its
/// argument, and the correct calls beside them compile.
/// </summary>
public sealed class CallSiteShapeBuildTests : IDisposable
{
    private const string Program = """
        using System;
        using NetGen;

        var net = new Iris();
        net.Forward(new float[5], new float[Iris.OutputSize]);
        net.Classify([1f, 2f, 3f]);
        Span<float> output = stackalloc float[Other.OutputSize];
        net.Forward(new float[Iris.InputSize], output);
        const int count = 8;
        net.ForwardBatch(new float[count * Iris.InputSize], new float[count * Other.OutputSize], count);
        float[] data = new float[10];
        Console.WriteLine(net.Classify(data.AsSpan(0, 5)));
        Console.WriteLine(net.Classify([1f, 2f, 3f, 4f]) + net.Classify(data.AsSpan(6)));

        [Network(4)]
        [Dense(8, Activation.Relu)]
        [Dense(3, Activation.Softmax)]
        public partial class Iris;

        [Network(5)]
        [Dense(2, Activation.Sigmoid)]
        public partial class Other;
        """;

    private readonly ConsumerProject project = new("ShapesApp");

    [Fact]
    public void Every_wrong_length_is_an_error_at_its_argument()
    {
        project.CreateWithPackage();
        project.Write("Program.cs", Program);
        CommandResult build = project.Dotnet("build", "-c", "Release");
        Assert.NotEqual(0, build.ExitCode);

        string[] lines = Program.Split('\n');
        (string Id, int Line, int Column) At(string id, int line, string argument) => (id, line, lines[line - 1].IndexOf(argument, StringComparison.Ordinal) + 1);
        var expected = new[]
        {
            At("NG0040", 5, "new float[5]"),
            At("NG0040", 6, "[1f, 2f, 3f]"),
            At("NG0040", 8, "output"),
            At("NG0041", 10, "new float[count * Other.OutputSize]"),
            At("NG0040", 12, "data.AsSpan(0, 5)"),
        };
        var reported = ConsumerProject.DiagnosticLines(build)
            .Select(l => Regex.Match(l, @"Program\.cs\((\d+),(\d+)\):\s+error\s+(NG\d{4})"))
            .Where(m => m.Success)
            .Select(m => (m.Groups[3].Value, int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .Distinct().OrderBy(r => r.Item2).ToArray();
        Assert.Equal(expected, reported);
        // Nothing else: no compiler errors from the correct calls, no other diagnostics.
        Assert.Equal(expected.Length, ConsumerProject.DiagnosticLines(build).Select(l => Regex.Replace(l, @"\s+\[.*\]$", "")).Distinct().Count());
    }

    public void Dispose() => project.Dispose();
}
