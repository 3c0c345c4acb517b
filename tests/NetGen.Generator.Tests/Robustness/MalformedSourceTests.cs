using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generator.Tests.Robustness;

/// <summary>
/// The editor runs the generator on every keystroke, so it sees half-typed code far more often than finished code.
/// These tests feed it systematically broken variants of valid declarations and require that it never throws (an
/// exception removes every network's output and shows CS8785) and never reports NG0099 (its own internal error).
/// </summary>
public class MalformedSourceTests
{
    /// <summary>Valid declarations covering every attribute argument form and nesting the parser handles.</summary>
    public static readonly string[] Seeds =
    {
        """
        using NetGen;
        namespace Lecture
        {
            [Network(3)]
            [Dense(3, Activation.Sigmoid)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Tiny { }
        }
        """,
        """
        using NetGen;
        [Network(inputs: 16, Loss = Loss.MeanSquaredError)]
        [Dense(32, Activation.Tanh, Init = Init.Xavier)]
        [Dropout(0.25f)]
        [Dense(units: 32, activation: Activation.LeakyRelu, Alpha = 0.1f)]
        [Dense(4)]
        internal sealed partial class Controller { public int Helper() { return 1; } }
        """,
        """
        using NetGen;
        namespace A.B;
        public static partial class Outer
        {
            public partial class Mid<T>
            {
                [NetGen.Network(784, Loss = (Loss)3)]
                [Dense(128, (Activation)3)]
                [Dense(10, Activation.Softmax)]
                public partial class Digits;
            }
        }
        """,
        """
        using D = NetGen.DenseAttribute;
        [NetGen.Network(2)]
        [D(4, NetGen.Activation.Elu, Alpha = 0.5f)]
        [NetGen.DropoutAttribute(rate: 0.1f)]
        [D(1, NetGen.Activation.Sigmoid)]
        partial class Xor { }
        [NetGen.Dense(3)]
        partial class Xor { void M() { } }
        """,
    };

    /// <summary>Wrong argument types, missing pieces and unbalanced brackets that truncation and deletion alone do not produce.</summary>
    public static readonly string[] Handwritten =
    {
        "using NetGen; [Dense(\"x\")] [Network(3)] partial class C { }",
        "using NetGen; [Network(1.5)] [Dense(1)] partial class C { }",
        "using NetGen; [Network(\"3\")] [Dense(1)] partial class C { }",
        "using NetGen; [Network] [Dense] [Dropout] partial class C { }",
        "using NetGen; [Network()] [Dense()] [Dropout()] partial class C { }",
        "using NetGen; [Network(3, 4)] [Dense(1, 2, 3)] partial class C { }",
        "using NetGen; [Network(3, Loss = 7.5)] [Dense(1, Alpha = \"a\", Init = Activation.Relu)] partial class C { }",
        "using NetGen; [Network(3, Loss = Activation.Relu)] [Dense(1, Activation = Activation.Relu)] partial class C { }",
        "using NetGen; [Network(3, Inputs = 4)] [Dense(1, Units = 2)] partial class C { }",
        "using NetGen; [Network(3)] [Dense(1, Activation.Rleu)] partial class C { }",
        "using NetGen; [Network(x)] [Dense(y, z)] [Dropout(w)] partial class C { const int x = 3; }",
        "using NetGen; [Network(C.N)] [Dense(C.N)] partial class C { public const int N = 2; }",
        "using NetGen; [Network(3)] [Dense(1)] [Dropout(0.5)] partial class C { }",
        "using NetGen; [Network(3)] [Dense(1L)] partial class C { }",
        "using NetGen; [Network(3)] [Dense(1, null)] partial class C { }",
        "using NetGen; [Network(3)] [Dense(1, default)] partial class C { }",
        "using NetGen; [Network(3)] [Dense(1, Alpha = default, Init = default)] partial class C { }",
        "using NetGen; [Network(3)]] [Dense(1)] partial class C { }",
        "using NetGen; [[Network(3)] [Dense(1)] partial class C { }",
        "using NetGen; [Network((3)] [Dense(1)) partial class C { }",
        "using NetGen; [Network(3)] [Dense(1)] partial class C { { }",
        "using NetGen; [Network(3)] [Dense(1)] partial class C } }",
        "using NetGen; [Network(3)] [Dense(1)] partial class { }",
        "using NetGen; [Network(3)] [Dense(1)] partial class C<> { }",
        "using NetGen; [Network(3)] [Dense(1)] partial class C<T, > { }",
        "using NetGen; [Network(3)] [Dense(1)] partial interface I { }",
        "using NetGen; [Network(3)] [Dense(1)] partial enum E { }",
        "using NetGen; [Network(3)] [Dense(1)] delegate void D();",
        "using NetGen; [Network(3)] [Dense(1)] partial record R(int X);",
        "using NetGen; [Network(3)] [Dense(1)] partial record struct S;",
        "using NetGen; class O { [Network(3)] [Dense(1)] partial class C { } }",
        "using NetGen; partial class O<T> where T : O<T> { [Network(3)] [Dense(1)] partial class C { } }",
        "using NetGen; [Network(3)] [Dense(1)] partial class C : C { }",
        "using NetGen; [Network(3)] [Dense(1)] partial class A : B { } [Network(3)] [Dense(1)] partial class B : A { }",
        "using NetGen; [Network(3)] [Dense(1)] partial class C : Missing { }",
        "using NetGen; [Network(3)] [Dense(1)] partial class C { int Forward; void Forward() { } C() { } C() { } }",
        "using NetGen; [Network(3)] [Dense(1)] partial class C { } [Network(3)] partial class C { } [Network(4)] partial class C { }",
        "using NetGen; [Network(3), Network(4)] [Dense(1)] partial class C { }",
        "using NetGen; [Network(3)] [Dense(1)] partial class Net { } [Network(3)] [Dense(1)] partial class NET { }",
        "using NetGen; [Network(3)] [Dense(1)] partial class C { } [Network(3)] [Dense(1)] partial class C<T> { }",
        "using NetGen; namespace N { [Network(3)] [Dense(1)] partial class C { } } namespace n { [Network(3)] [Dense(1)] partial class C { } }",
        "using NetGen; [Network(3)] [Dense(1)] partial class @class { }",
        "using NetGen; [Network(3)] [Dense(1)] partial class Ünïcødé { }",
        "using NetGen; [Network(3)] [Dense(1)] file partial class F { }",
        "using NetGen; [Network(3)] [Dense(1)] partial class Net { void Forward(System.ReadOnlySpan<float> i, System.Span<float> o) { } }",
        "[Network(3)] [Dense(1)] partial class NoUsing { }",
        "using NetGen; [assembly: Network(3)] [module: Dense(1)]",
        "using NetGen; [return: Network(3)] partial class C { [Network(3)] void M() { } }",
        "namespace NetGen { class NetworkAttribute : System.Attribute { } } [NetGen.Network] partial class Fake { }",
        "using NetGen; [Network(3)] [Dense(1)] partial class C { } partial class C : INetwork { }",
        "using NetGen; [Network(int.MaxValue)] [Dense(int.MaxValue)] [Dense(int.MaxValue)] [Dense(int.MaxValue)] partial class Big { }",
        "using NetGen; [Network(int.MinValue)] [Dense(int.MinValue, (Activation)int.MinValue, Alpha = float.MinValue, Init = (Init)int.MaxValue)] [Dropout(float.NegativeInfinity)] partial class Small { }",
        "using NetGen; #if X\n [Network(3)] #endif\n [Dense(1)] partial class C { }",
        "using NetGen; [Network(3)] /* unterminated",
        "using NetGen; [Network(3)] [Dense(1)] partial class C { string s = \"unterminated; }",
        "\0\u2028[Network(3)]",
        "",
    };

    [Fact]
    public void NoCrashOnTruncationsDeletionsAndHandwrittenMistakes()
    {
        List<(string Name, string Source)> cases = Cases().ToList();
        // "Hundreds": the seeds alone yield well over that; the floor keeps a refactoring of Cases() from hollowing the test out.
        Assert.True(cases.Count >= 500, $"only {cases.Count} cases");

        var failures = new ConcurrentBag<string>();
        Parallel.ForEach(cases, c =>
        {
            try
            {
                Check(c.Source);
            }
            catch (Exception exception)
            {
                failures.Add($"{c.Name}: {exception.Message}\n--- source ---\n{c.Source}\n");
            }
        });

        Assert.True(failures.IsEmpty, $"{failures.Count} of {cases.Count} cases failed:\n" + string.Join("\n", failures.Take(5)));
    }

    [Fact]
    public void CaseOnlyDifferentNetworkNamesBothGenerate()
    {
        // Hint names are compared case-insensitively; two legal classes Net and NET must not collide.
        GeneratorRun run = GeneratorRun.Run("""
            using NetGen;
            /// <summary>A.</summary>
            [Network(3)] [Dense(1, Activation.Sigmoid)] public partial class Net { }
            /// <summary>B.</summary>
            [Network(3)] [Dense(1, Activation.Sigmoid)] public partial class NET { }
            """);
        run.AssertNoCrash();
        Assert.Equal(2 * GeneratorRun.FilesPerNetwork, run.GeneratedSources.Length);
    }

    /// <summary>
    /// Found by the 10,000-edit campaign of the CI step (edit 5317, which duplicates a file of networks): error recovery
    /// in that source leaves two networks with one full name, and the generator added the same hint name twice, which
    /// throws in the driver ("hintName must be unique") and discards every network's output. The source is kept
    /// verbatim; now the first network of each name is emitted, once.
    /// </summary>
    [Fact]
    public void Edit5317DuplicatedNetworksDoNotCollide()
    {
        using var stream = typeof(MalformedSourceTests).Assembly.GetManifestResourceStream("Regressions.KeystrokeEdit5317.source.txt")!;
        using var reader = new System.IO.StreamReader(stream);
        string source = reader.ReadToEnd();
        GeneratorRun run = GeneratorRun.Run(TestCompilation.Create(CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest), source));
        run.AssertNoCrash();
        Assert.NotEmpty(run.GeneratedSources);
        Assert.Equal(run.GeneratedSources.Length, run.GeneratedSources.Select(s => s.HintName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    private static void Check(string source)
    {
        CSharpCompilation compilation = TestCompilation.Create(CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest), source);
        GeneratorRun run = GeneratorRun.Run(compilation);
        run.AssertNoCrash();

        // A stronger oracle where one exists: if the source was valid C# and NetGen found nothing wrong with it, the
        // generated part must compile too.
        bool generatorError = run.Generator.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        if (run.GeneratedSources.IsEmpty || generatorError || !TestCompilation.Errors(compilation).IsEmpty) return;
        var errors = TestCompilation.Errors(run.Output);
        Assert.True(errors.IsEmpty, "generated code does not compile: " + string.Join("; ", errors));
    }

    private static IEnumerable<(string Name, string Source)> Cases()
    {
        for (int s = 0; s < Seeds.Length; s++)
        {
            string seed = Seeds[s];
            SyntaxToken[] tokens = CSharpSyntaxTree.ParseText(seed).GetRoot().DescendantTokens().ToArray();
            foreach (SyntaxToken token in tokens)
            {
                yield return ($"seed {s} truncated after '{token}' at {token.Span.End}", seed.Substring(0, token.Span.End));
                if (token.Span.Length > 0)
                    yield return ($"seed {s} without '{token}' at {token.SpanStart}", seed.Remove(token.SpanStart, token.Span.Length));
            }

            yield return ($"seed {s} without usings", seed.Replace("using NetGen;", "").Replace("using D = NetGen.DenseAttribute;", ""));
        }

        for (int h = 0; h < Handwritten.Length; h++) yield return ($"handwritten {h}", Handwritten[h]);
    }
}
