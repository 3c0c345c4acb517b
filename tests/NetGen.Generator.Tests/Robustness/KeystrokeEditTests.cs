using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Generator.Tests.Robustness;

/// <summary>
/// The generator as an IDE drives it: one <see cref="GeneratorDriver"/> kept across thousands of edits of one document,
/// each edit a generated keystroke-sized change (truncation, deletion, duplicated or swapped token, wrong literal type,
/// stray character, huge number, deep nesting, many networks in one file). No edit may make the generator throw, the
/// driver report CS8785, or the generator report NG0099. Plus the two extremes of size: 100 layers and the
/// parameter-count limit.
/// </summary>
public sealed class KeystrokeEditTests
{
    private readonly ITestOutputHelper _output;

    public KeystrokeEditTests(ITestOutputHelper output) => _output = output;

    /// <summary>Edits per run: 300 in the plain test run, NETGEN_GENERATOR_EDITS otherwise (the CI step sets 10,000).</summary>
    private static int Edits => int.TryParse(Environment.GetEnvironmentVariable("NETGEN_GENERATOR_EDITS"), out int n) && n > 0 ? n : 300;

    private static readonly string[] WrongLiterals = { "1.5f", "\"3\"", "true", "'c'", "null", "default", "3L", "0x7FFFFFFF", "-1", "0", "1e400", "99999999999999999999", "int.MaxValue", "-2147483648", "(Activation)99", "float.NaN" };

    private static readonly string[] Stray = { "[", "]", "(", ")", "{", "}", ",", ";", ":", ".", "\"", "'", "@", "#", "$", "\\", "\0", "/*", "//", "\n", "=", "<", ">", "?", "!", "\u00e9", "\u2028" };

    [Fact]
    public void ThousandsOfEditsNeverCrashTheGenerator()
    {
        string[] seeds = MalformedSourceTests.Seeds;
        var random = new Random(20261201);
        CSharpCompilation compilation = TestCompilation.Create(CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest), seeds[0]);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        GeneratorDriver driver = GeneratorRun.Run(compilation).Driver;
        string text = seeds[0];
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        var failures = new List<string>();
        var kinds = new int[10];
        var clock = Stopwatch.StartNew();
        for (int edit = 0; edit < Edits && failures.Count < 5; edit++)
        {
            // Mostly keep typing on the current text, as an editor does; now and then start over from a valid seed.
            if (random.Next(8) == 0 || text.Length > 20_000) text = seeds[random.Next(seeds.Length)];
            int kind = random.Next(kinds.Length);
            kinds[kind]++;
            string before = text;
            text = Edit(text, kind, random);
            distinct.Add(text);
            SyntaxTree edited = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text));
            compilation = compilation.ReplaceSyntaxTree(tree, edited);
            tree = edited;
            try
            {
                GeneratorRun run = GeneratorRun.RunWith(driver, compilation);
                driver = run.Driver;
                run.AssertNoCrash();
            }
            catch (Exception e)
            {
                failures.Add($"edit {edit} (kind {kind}): {e.Message}\n--- before ---\n{before}\n--- after ---\n{text}\n");
            }
        }

        _output.WriteLine($"{Edits} edits ({distinct.Count} distinct sources; by kind {string.Join(" ", kinds)}) in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // 9 in 10 distinct, up to the 10,000 the hardening promise names: longer runs repeat more of the small edits
        // (a 30,000-edit campaign reached 26,606 distinct sources with no failure).
        Assert.True(distinct.Count >= System.Math.Min(Edits * 9 / 10, 10_000), $"only {distinct.Count} distinct sources of {Edits} edits");
    }

    private static string Edit(string text, int kind, Random random)
    {
        SyntaxToken[] tokens = CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens().Where(t => t.Span.Length > 0).ToArray();
        if (tokens.Length == 0) return text + Stray[random.Next(Stray.Length)];
        SyntaxToken token = tokens[random.Next(tokens.Length)];
        switch (kind)
        {
            case 0: // truncation, as while typing at the end
                return text.Substring(0, random.Next(text.Length + 1));
            case 1: // deletion of a token
                return text.Remove(token.SpanStart, token.Span.Length);
            case 2: // duplicated token
                return text.Insert(token.Span.End, " " + token.Text);
            case 3:
            {
                // two tokens swapped
                SyntaxToken other = tokens[random.Next(tokens.Length)];
                (SyntaxToken first, SyntaxToken second) = token.SpanStart <= other.SpanStart ? (token, other) : (other, token);
                if (first.Span.OverlapsWith(second.Span)) return text;
                return text.Substring(0, first.SpanStart) + second.Text + text.Substring(first.Span.End, second.SpanStart - first.Span.End) + first.Text + text.Substring(second.Span.End);
            }
            case 4:
            {
                // a literal of the wrong type, or a huge number
                SyntaxToken[] literals = tokens.Where(t => t.IsKind(SyntaxKind.NumericLiteralToken) || t.IsKind(SyntaxKind.StringLiteralToken)).ToArray();
                SyntaxToken target = literals.Length > 0 ? literals[random.Next(literals.Length)] : token;
                return text.Remove(target.SpanStart, target.Span.Length).Insert(target.SpanStart, WrongLiterals[random.Next(WrongLiterals.Length)]);
            }
            case 5: // a stray character
                return text.Insert(random.Next(text.Length + 1), Stray[random.Next(Stray.Length)]);
            case 6:
            {
                // deep nesting: an argument wrapped in many parentheses, or the class in many namespaces
                int depth = 1 + random.Next(300);
                SyntaxToken[] numbers = tokens.Where(t => t.IsKind(SyntaxKind.NumericLiteralToken)).ToArray();
                if (numbers.Length > 0 && random.Next(2) == 0)
                {
                    SyntaxToken n = numbers[random.Next(numbers.Length)];
                    return text.Substring(0, n.SpanStart) + new string('(', depth) + n.Text + new string(')', depth) + text.Substring(n.Span.End);
                }

                return string.Concat(Enumerable.Range(0, depth).Select(i => $"namespace N{i} {{ ")) + text + new string('}', depth);
            }
            case 7:
            {
                // many networks in one file: the declarations repeated under fresh class names
                int copies = 2 + random.Next(30);
                var sb = new StringBuilder(text);
                for (int c = 0; c < copies; c++)
                    sb.Append('\n').Append(text.Replace("partial class ", $"partial class Copy{c}_").Replace("using NetGen;", "").Replace("namespace A.B;", ""));
                return sb.ToString();
            }
            case 8: // a whole attribute line duplicated (two [Network]s, repeated [Dense])
            {
                int open = text.IndexOf('[', random.Next(text.Length));
                int close = open < 0 ? -1 : text.IndexOf(']', open);
                return close < 0 ? text : text.Insert(open, text.Substring(open, close - open + 1));
            }
            default: // a character typed into the middle of a token
                return text.Insert(token.SpanStart + random.Next(token.Span.Length), ((char)('a' + random.Next(26))).ToString());
        }
    }

    [Fact]
    public void AHundredLayerDeclarationGeneratesOnASmallStack()
    {
        var source = new StringBuilder("using NetGen;\n/// <summary>Deep.</summary>\n[Network(8)]\n");
        for (int i = 0; i < 99; i++) source.Append(i % 3 == 0 ? "[Dense(8, Activation.Tanh)]\n" : i % 3 == 1 ? "[Dense(8, Activation.Relu)]\n" : "[Dense(8, Activation.LeakyRelu, Alpha = 0.1f)]\n");
        source.Append("[Dense(2, Activation.Softmax)]\npublic partial class Deep { }\n");
        GeneratorRun run = MeasureOnSmallStack("100 layers", () => GeneratorRun.Run(source.ToString()));
        run.AssertNoCrash();
        Assert.DoesNotContain(run.Generator.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(GeneratorRun.FilesPerNetwork, run.GeneratedSources.Length);
        run.AssertOutputCompilesCleanly();
    }

    [Fact]
    public void ANetworkAtTheParameterLimitGeneratesAndOneMoreParameterIsNg0009()
    {
        // 10 inputs and 195,225,781 units: 11 * 195,225,781 = 2,147,483,591 parameters, exactly the NG0009 limit
        // (Array.MaxLength, docs/diagnostics.md). The literal, not the generator's constant, so a change to it shows here.
        Assert.Equal(2_147_483_591L, 11L * 195_225_781);
        GeneratorRun atLimit = MeasureOnSmallStack("parameter limit", () => GeneratorRun.Run(
            "using NetGen;\n/// <summary>Huge.</summary>\n[Network(10)]\n[Dense(195225781)]\npublic partial class Huge { }\n"));
        atLimit.AssertNoCrash();
        Assert.DoesNotContain(atLimit.Generator.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(GeneratorRun.FilesPerNetwork, atLimit.GeneratedSources.Length);
        Assert.Contains("2147483591", atLimit.MainSource);

        // 2 inputs, 715,827,864 units: 3 * 715,827,864 = 2,147,483,592, one above the limit.
        GeneratorRun over = GeneratorRun.Run("using NetGen;\n[Network(2)]\n[Dense(715827864)]\npublic partial class Over { }\n");
        over.AssertNoCrash();
        Assert.Contains(over.Generator.Diagnostics, d => d.Id == "NG0009");
    }

    /// <summary>
    /// Runs <paramref name="generate"/> on a thread with a 1 MB stack (what Visual Studio gives its threads; Linux's default
    /// is 8 MB) and reports its time and allocation once, so deep declarations are shown to leave stack to spare.
    /// </summary>
    private GeneratorRun MeasureOnSmallStack(string what, Func<GeneratorRun> generate)
    {
        GeneratorRun? run = null;
        Exception? failure = null;
        long allocated = 0;
        TimeSpan elapsed = default;
        var thread = new Thread(() =>
        {
            try
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                var clock = Stopwatch.StartNew();
                run = generate();
                elapsed = clock.Elapsed;
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, maxStackSize: 1 << 20);
        thread.Start();
        thread.Join();
        if (failure is not null) throw new InvalidOperationException($"{what}: generation failed", failure);
        _output.WriteLine($"{what}: generated in {elapsed.TotalMilliseconds:F0} ms (first run in this process, includes JIT), {allocated / 1024} KB allocated on the generating thread");
        return run!;
    }
}
