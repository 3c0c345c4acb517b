using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generator.Tests.EmbeddedWeights;

/// <summary>NG0030-NG0035: each an error at the attribute's path argument, naming the file and what is wrong.</summary>
public class EmbeddedWeightsDiagnosticTests
{
    private const string Markup = """
        using NetGen;
        namespace Game
        {
            [Network(3)]
            [Dense(4, Activation.Tanh)]
            [Dense(2, Activation.Softmax)]
            [EmbeddedWeights({|ID:"policy.safetensors"|})]
            public partial class Policy { }
        }
        """;

    private static string Marked(string id) => Markup.Replace("ID", id);

    private static byte[] Valid() => SafetensorsBuilder.ForLayers(3, CreatePretrainedTests.Units, (l, i) => l + i * 0.01f).Build();

    private static Diagnostic Single(string id, byte[] bytes, string fileName = "policy.safetensors")
    {
        using var file = WeightsAdditionalText.Create(fileName, bytes);
        return Assert.Single(EmbeddedWeightsRun.AssertReports(Marked(id), file));
    }

    [Fact]
    public void NG0030_FileNotInAdditionalFiles_SaysHowToAddIt()
    {
        Diagnostic d = Assert.Single(EmbeddedWeightsRun.AssertReports(Marked("NG0030")));
        Assert.Contains("<AdditionalFiles Include=\"policy.safetensors\" />", d.GetMessage());
    }

    [Fact]
    public void NG0030_AFileWithASimilarNameDoesNotMatch() =>
        Single("NG0030", Valid(), fileName: "mypolicy.safetensors");

    [Fact]
    public void NG0031_Truncated_GivesTheParsersMessage()
    {
        byte[] valid = Valid();
        Diagnostic d = Single("NG0031", valid.AsSpan(0, valid.Length - 3).ToArray());
        Assert.Contains("'policy.safetensors'", d.GetMessage());
        Assert.Contains("byte ", d.GetMessage());
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\"  \"")]
    public void NG0031_NullOrBlankPath_IsReportedNotIgnored(string argument)
    {
        Diagnostic d = Assert.Single(EmbeddedWeightsRun.AssertReports(Markup.Replace("ID", "NG0031").Replace("\"policy.safetensors\"", argument)));
        Assert.Contains("the path is empty", d.GetMessage());
    }

    [Fact]
    public void NG0031_EmptyFile() => Assert.Contains("too short", Single("NG0031", Array.Empty<byte>()).GetMessage());

    [Fact]
    public void NG0031_NonFiniteWeight_NamesTheTensorAndElement()
    {
        byte[] bytes = SafetensorsBuilder.ForLayers(3, CreatePretrainedTests.Units, (l, i) => l == 1 && i == 5 ? float.NaN : 0.5f).Build();
        Diagnostic d = Single("NG0031", bytes);
        Assert.Contains("'layers.1.weight' element 5", d.GetMessage());
    }

    [Fact]
    public void NG0031_TwoAdditionalFilesMatch_ListsBoth()
    {
        using var a = WeightsAdditionalText.Create("policy.safetensors", Valid());
        using var b = WeightsAdditionalText.Create("policy.safetensors", Valid());
        Diagnostic d = Assert.Single(EmbeddedWeightsRun.AssertReports(Marked("NG0031"), a, b));
        Assert.Contains(a.Path, d.GetMessage());
        Assert.Contains(b.Path, d.GetMessage());
    }

    [Fact]
    public void NG0032_MissingTensor_NamesIt()
    {
        byte[] bytes = new SafetensorsBuilder()
            .Add("layers.0.weight", new long[] { 4, 3 }, new float[12])
            .Add("layers.0.bias", new long[] { 4 }, new float[4])
            .Add("layers.1.weight", new long[] { 2, 4 }, new float[8])
            .Build();
        Diagnostic d = Single("NG0032", bytes);
        Assert.Contains("layers.1.bias", d.GetMessage());
        Assert.Contains("'Game.Policy'", d.GetMessage());
    }

    [Fact]
    public void NG0033_ExtraTensor_NamesIt()
    {
        byte[] bytes = SafetensorsBuilder.ForLayers(3, CreatePretrainedTests.Units, (l, i) => 0f)
            .Add("layers.2.weight", new long[] { 1, 2 }, new float[2])
            .Build();
        Assert.Contains("layers.2.weight", Single("NG0033", bytes).GetMessage());
    }

    [Fact]
    public void NG0034_WrongShape_NamesTensorExpectedAndActual()
    {
        // Layer 0 saved as [3, 4] (transposed): the same element count, so only the shape check can catch it.
        byte[] bytes = new SafetensorsBuilder()
            .Add("layers.0.weight", new long[] { 3, 4 }, new float[12])
            .Add("layers.0.bias", new long[] { 4 }, new float[4])
            .Add("layers.1.weight", new long[] { 2, 4 }, new float[8])
            .Add("layers.1.bias", new long[] { 2 }, new float[2])
            .Build();
        string message = Single("NG0034", bytes).GetMessage();
        Assert.Contains("'layers.0.weight'", message);
        Assert.Contains("[3, 4]", message);
        Assert.Contains("[4, 3]", message);
    }

    [Fact]
    public void NG0035_F16Tensor_NamesTheDtype()
    {
        byte[] bytes = new SafetensorsBuilder()
            .AddRaw("layers.0.weight", "F16", new long[] { 4, 3 }, new byte[24])
            .Add("layers.0.bias", new long[] { 4 }, new float[4])
            .Add("layers.1.weight", new long[] { 2, 4 }, new float[8])
            .Add("layers.1.bias", new long[] { 2 }, new float[2])
            .Build();
        string message = Single("NG0035", bytes).GetMessage();
        Assert.Contains("F16", message);
        Assert.Contains("layers.0.weight", message);
    }

    [Fact]
    public void AnErrorLeavesTheRestOfTheNetworkGeneratedWithoutCreatePretrained()
    {
        GeneratorRun run = EmbeddedWeightsRun.Run(TestCompilation.Create(Markup.Replace("{|ID:", "").Replace("|}", "")), Array.Empty<AdditionalText>());
        string source = run.MainSource;
        Assert.Contains("public void Forward(", source);
        Assert.DoesNotContain("CreatePretrained", source);
    }

    [Theory]
    [InlineData(true, "policy.safetensors", true)]
    [InlineData(true, "sub/policy.safetensors", false)]
    [InlineData(false, "sub/policy.safetensors", true)]
    public void WithMSBuildsProjectDir_TheRelativePathIsResolvedAgainstIt(bool passProjectDir, string fileInProject, bool matches)
    {
        using var file = WeightsAdditionalText.Create(fileInProject, Valid());
        string projectDir = file.Path.Substring(0, file.Path.Length - fileInProject.Length);
        GeneratorRun run = EmbeddedWeightsRun.Run(
            TestCompilation.Create(Markup.Replace("{|ID:", "").Replace("|}", "")), new AdditionalText[] { file }, passProjectDir ? projectDir : null);
        run.AssertNoCrash();
        Assert.Equal(matches ? Array.Empty<string>() : new[] { "NG0030" }, run.NetGenDiagnostics().Select(d => d.Id).ToArray());
    }
}
