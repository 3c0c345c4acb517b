using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generator.Tests.EmbeddedWeights;

/// <summary>
/// The weights file is read in its own step: C# edits leave that step cached (no re-read), a changed file (a new
/// AdditionalText, as every host supplies) re-reads and re-emits, and no cached value holds an AdditionalText.
/// </summary>
public class EmbeddedWeightsIncrementalityTests
{
    private static readonly string[] Cached = { "Cached", "Unchanged" };

    private static byte[] Weights(float scale) => SafetensorsBuilder.ForLayers(3, CreatePretrainedTests.Units, (l, i) => scale * (l + i)).Build();

    private static GeneratorRun First(AdditionalText file) =>
        EmbeddedWeightsRun.Run(TestCompilation.Create(CreatePretrainedTests.Network), new[] { file }, trackSteps: true);

    [Fact]
    public void UnrelatedEdit_DoesNotReReadTheFileOrReEmit()
    {
        using var file = WeightsAdditionalText.Create("policy.safetensors", Weights(1));
        GeneratorRun first = First(file);
        Assert.Equal(new[] { IncrementalStepRunReason.New }, Reasons(first, TrackingNames.WeightsRead));

        Compilation edited = first.Input.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { void M() { } }", TestCompilation.CSharp9, "Other.cs"));
        GeneratorRun second = GeneratorRun.RunWith(first.Driver, edited);
        second.AssertNoCrash();
        Assert.Equal(new[] { IncrementalStepRunReason.Cached }, Reasons(second, TrackingNames.WeightsRead));
        Assert.All(Reasons(second, TrackingNames.WeightsBind), r => Assert.Contains(r.ToString(), Cached));
        Assert.All(OutputReasons(second), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void EditingTheWeightsFile_ReReadsAndReEmits()
    {
        using WeightsAdditionalText original = WeightsAdditionalText.Create("policy.safetensors", Weights(1));
        GeneratorRun first = First(original);
        string before = first.MainSource;

        // Hosts hand the generator a new AdditionalText when the file changes; csc builds a new one per compilation.
        using var changed = WeightsAdditionalText.Create("policy.safetensors", Weights(2));
        GeneratorDriver driver = first.Driver.ReplaceAdditionalText(original, changed);
        GeneratorRun second = GeneratorRun.RunWith(driver, first.Input);
        second.AssertNoCrash();
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.WeightsRead));
        Assert.Contains(IncrementalStepRunReason.Modified, OutputReasons(second));
        Assert.NotEqual(before, second.MainSource);
    }

    [Fact]
    public void ReplacingTheFileWithIdenticalBytes_ReReadsButDoesNotReEmit()
    {
        using WeightsAdditionalText original = WeightsAdditionalText.Create("policy.safetensors", Weights(1));
        GeneratorRun first = First(original);
        using var same = WeightsAdditionalText.Create("policy.safetensors", Weights(1));
        GeneratorDriver driver = first.Driver.ReplaceAdditionalText(original, same);
        GeneratorRun second = GeneratorRun.RunWith(driver, first.Input);
        // The path differs (a new temp folder), so the read step's value differs; the baked parameters do not.
        Assert.All(Reasons(second, TrackingNames.Model), r => Assert.Contains(r.ToString(), Cached));
        Assert.All(OutputReasons(second), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void StepOutputsHoldNoAdditionalTextOrSourceText()
    {
        using var file = WeightsAdditionalText.Create("policy.safetensors", Weights(1));
        GeneratorRun run = First(file);
        foreach (string step in new[] { TrackingNames.WeightsRequests, TrackingNames.WeightsRead, TrackingNames.WeightsBind, TrackingNames.WeightsDiagnostics, TrackingNames.Model })
        {
            var outputs = run.Generator.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
            Assert.NotEmpty(outputs);
            foreach (object value in outputs)
            {
                Assert.Empty(PipelineValueWalker.FindForbidden(value, step));
                Assert.DoesNotContain(Flatten(value), v => v is AdditionalText or Microsoft.CodeAnalysis.Text.SourceText);
            }
        }
    }

    /// <summary>The value and, for the tuples the driver passes between steps, its parts.</summary>
    private static object?[] Flatten(object value) => value is System.Runtime.CompilerServices.ITuple tuple
        ? Enumerable.Range(0, tuple.Length).Select(i => tuple[i]).ToArray()
        : new[] { value };

    private static IncrementalStepRunReason[] Reasons(GeneratorRun run, string step) =>
        run.Generator.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();

    private static IncrementalStepRunReason[] OutputReasons(GeneratorRun run) =>
        run.Generator.TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
}
