using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Generator.Analyzers;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generator.Tests.Analyzers;

/// <summary>
/// NG0040/NG0041 on calls to generated members, on the generator's real output: each marked argument is reported,
/// nothing else is (unknown lengths stay silent). C# 12 collection expressions need a newer parser than this
/// project's Roslyn 4.3.1; tests/NetGen.Package.Tests covers them in a real build.
/// </summary>
public class CallSiteShapeAnalyzerTests
{
    private const string Networks = TwoNetworks.Source;

    [Fact]
    public void Forward_WrongArraysStackallocAndOtherNetworksSizes_AreErrorsAtTheArgument()
    {
        AssertReports("""
            /// <summary>Calls.</summary>
            public static class Calls
            {
                /// <summary>Calls.</summary>
                public static void Run(Iris net)
                {
                    net.Forward({|NG0040:new float[5]|}, {|NG0040:new float[Other.OutputSize]|});
                    Span<float> output = stackalloc float[3];
                    net.Forward({|NG0040:stackalloc float[Other.InputSize]|}, output);
                    net.Classify({|NG0040:new float[] { 1f, 2f, 3f }|});
                    float[] initialised = { 1f, 2f, 3f, 4f, 5f };
                    net.Classify({|NG0040:initialised|});
                    net.Forward(new float[Iris.InputSize], new float[3]);
                }
            }
            """);
    }

    [Fact]
    public void SlicesRangesAndSpanConstructors_WithConstantBounds_AreChecked()
    {
        AssertReports("""
            /// <summary>Calls.</summary>
            public static class Calls
            {
                /// <summary>Calls.</summary>
                public static void Run(Iris net)
                {
                    float[] data = new float[10];
                    net.Classify({|NG0040:data.AsSpan(0, 5)|});
                    net.Classify({|NG0040:data.AsSpan(3)|});
                    net.Classify({|NG0040:data.AsSpan().Slice(2, 3)|});
                    net.Classify({|NG0040:data[1..4]|});
                    net.Classify({|NG0040:data.AsSpan()[..^2]|});
                    net.Classify({|NG0040:new ReadOnlySpan<float>(data)|});
                    net.Classify(data.AsSpan(6));
                    net.Classify(data.AsSpan(2, 4));
                    net.Classify(data[6..]);
                }
            }
            """);
    }

    [Fact]
    public void FieldsAndLocalsAssignedOnce_AreChecked_AndReassignedOnesAreNot()
    {
        AssertReports("""
            /// <summary>Calls.</summary>
            public sealed class Agent
            {
                private readonly float[] observation = new float[6];
                private float[] swapped = new float[6];
                /// <summary>Written from outside: unknown.</summary>
                public float[] Shared = new float[6];
                private readonly Iris net = new Iris();

                /// <summary>Calls.</summary>
                public int Act()
                {
                    float[] once = new float[2];
                    float[] twice = new float[2];
                    twice = new float[4];
                    int a = net.Classify({|NG0040:observation|}) + net.Classify({|NG0040:once|});
                    return a + net.Classify(twice) + net.Classify(swapped) + net.Classify(Shared);
                }

                /// <summary>The reassignment that makes swapped unknown.</summary>
                public void Swap() => swapped = new float[4];
            }
            """);
    }

    [Fact]
    public void AccumulateGradients_ChecksInputTargetAndGradients()
    {
        AssertReports("""
            /// <summary>Calls.</summary>
            public static class Calls
            {
                /// <summary>Calls.</summary>
                public static float Run(Iris net)
                {
                    float loss = net.AccumulateGradients(new float[4], {|NG0040:new float[Other.OutputSize]|});
                    loss += net.AccumulateGradients({|NG0040:new float[3]|}, new float[3], {|NG0040:new float[Iris.ParameterCount - 1]|});
                    return loss + net.AccumulateGradients(new float[4], new float[3], new float[Iris.ParameterCount]);
                }
            }
            """);
    }

    [Fact]
    public void BatchCalls_WithConstantCount_NeedCountTimesSize()
    {
        AssertReports("""
            /// <summary>Calls.</summary>
            public static class Calls
            {
                /// <summary>Calls.</summary>
                public static float Run(Iris net, int unknownCount, float[] unknownInputs)
                {
                    const int count = 8;
                    net.ForwardBatch({|NG0041:new float[count * Iris.InputSize - 1]|}, new float[count * Iris.OutputSize], count);
                    net.ForwardBatch(new float[count * Iris.InputSize], {|NG0041:new float[count * Other.OutputSize]|}, count);
                    // Longer than needed is allowed; an unknown count or buffer says nothing.
                    net.ForwardBatch(new float[100], new float[100], count);
                    net.ForwardBatch(new float[1], new float[1], unknownCount);
                    net.ForwardBatch(unknownInputs, new float[24], count);
                    float loss = net.AccumulateGradientsBatch({|NG0041:new float[16]|}, new float[24], count);
                    return loss + net.AccumulateGradientsBatch(new float[32], {|NG0041:new float[23]|}, count);
                }
            }
            """);
    }

    [Fact]
    public void UnknownLengths_AndOtherMethods_StaySilent()
    {
        AssertReports("""
            /// <summary>Calls.</summary>
            public static class Calls
            {
                /// <summary>Calls.</summary>
                public static void Run(Iris net, float[] parameter, INetwork asInterface, int n)
                {
                    net.Forward(parameter, Make(n));
                    net.Forward(new float[n], new float[n + 1]);
                    asInterface.Forward(new float[5], new float[9]);
                    float[] viaRef = new float[4];
                    Fill(ref viaRef);
                    net.Classify(viaRef);
                    Span<float> whole = stackalloc float[n];
                    net.Classify(whole);
                }

                private static float[] Make(int n) => new float[n];

                private static void Fill(ref float[] buffer) => buffer = new float[5];
            }
            """);
    }

    [Fact]
    public void TypedBufferOverloads_AreNotChecked_AndSpanCallsBesideThemStillAre()
    {
        // Forward(in Input, out Output) and Classify(in Input) take no span: their lengths are the types themselves.
        AssertReports("""
            /// <summary>Calls.</summary>
            public static class Calls
            {
                /// <summary>Calls.</summary>
                public static int Run(Iris net)
                {
                    Iris.Input input = Iris.Input.Create(new float[4]);
                    net.Forward(in input, out Iris.Output output);
                    net.Forward(Iris.Input.AsReadOnlySpan(in input), Iris.Output.AsSpan(ref output));
                    net.Forward({|NG0040:new float[Other.InputSize]|}, Iris.Output.AsSpan(ref output));
                    return net.Classify(in input) + net.Classify(default(Iris.Input)) + net.Classify({|NG0040:new float[3]|});
                }
            }
            """);
    }

    private static void AssertReports(string markup)
    {
        Markup parsed = Markup.Parse(Networks + markup);
        GeneratorRun run = GeneratorRun.Run(parsed.Source);
        run.AssertNoCrash();
        Assert.Empty(TestCompilation.Errors(run.Output));
        ImmutableArray<Diagnostic> actual = run.Output
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new CallSiteShapeAnalyzer()))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult()
            .OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
        string Describe(System.Collections.Generic.IEnumerable<(string Id, int Start, int End)> items) =>
            string.Join(", ", items.Select(d => $"{d.Id} '{parsed.Source.Substring(d.Start, d.End - d.Start)}'"));
        var expected = parsed.Spans.Select(s => (s.Id, s.Span.Start, s.Span.End)).OrderBy(k => k.Start).ToList();
        var reported = actual.Select(d => (d.Id, d.Location.SourceSpan.Start, d.Location.SourceSpan.End)).ToList();
        Assert.True(expected.SequenceEqual(reported), $"Expected: {Describe(expected)}\nActual:   {Describe(reported)}\nMessages: {string.Join(" | ", actual.Select(d => d.GetMessage()))}");
        Assert.All(actual, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
    }
}
