using System;
using System.Reflection;
using NetGen.Generator.Tests.EmbeddedWeights;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generator.Tests.Declaration;

/// <summary>
/// <see cref="NetworkArchitecture.ToDeclaration"/> gives source that the generator turns into a class with the same
/// architecture: the text is compiled in memory (C# 9, warnings as errors), emitted, loaded, and its static
/// <c>Architecture</c> compared with the one the text came from.
/// </summary>
public class ToDeclarationTests
{
    public static TheoryData<string> Cases => new() { "plain", "defaults", "alphas", "dropout", "inits", "loss", "selu" };

    private static NetworkArchitecture Architecture(string name) => name switch
    {
        "plain" => DynamicNetwork.Builder(4).Dense(3, Activation.Softmax).ToArchitecture(),
        "defaults" => DynamicNetwork.Builder(6).Dense(5, Activation.LeakyRelu).Dense(4, Activation.Elu).Dense(1, Activation.Sigmoid).ToArchitecture(),
        "alphas" => DynamicNetwork.Builder(6).Dense(5, Activation.LeakyRelu, alpha: 0.2f).Dense(4, Activation.Elu, alpha: 1e-5f).Dense(2).ToArchitecture(),
        "dropout" => DynamicNetwork.Builder(13).Dense(17, Activation.Relu).Dropout(0.3f).Dense(9, Activation.Tanh).Dropout(0.123456789f).Dense(5, Activation.Softmax).ToArchitecture(),
        "inits" => DynamicNetwork.Builder(3).Dense(8, Activation.Tanh, init: Init.Normal).Dense(8, Activation.Relu, init: Init.LeCun).Dense(2, init: Init.He).ToArchitecture(),
        "loss" => DynamicNetwork.Builder(3).Dense(4, Activation.Sigmoid).Dense(2, Activation.Softmax).WithLoss(Loss.MeanSquaredError).ToArchitecture(),
        _ => DynamicNetwork.Builder(5).Dense(7, Activation.Selu).Dense(1, Activation.Identity, init: Init.Xavier).ToArchitecture(),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DeclarationGeneratesTheSameArchitecture(string name)
    {
        NetworkArchitecture architecture = Architecture(name);
        string declaration = architecture.ToDeclaration("PlayedNet");
        GeneratorRun run = GeneratorRun.Run(declaration);
        Assert.Empty(run.NetGenDiagnostics());
        run.AssertOutputCompilesCleanly();
        Assembly assembly = EmbeddedWeightsRun.Load(run);
        Type type = assembly.GetType("PlayedNet", throwOnError: true)!;
        var generated = (NetworkArchitecture)type.GetProperty("Architecture", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        Assert.Equal(architecture, generated);

        // And the class starts where a DynamicNetwork of the architecture starts.
        var network = (INetwork)Activator.CreateInstance(type, 9)!;
        Assert.Equal(new DynamicNetwork(architecture, 9).Parameters.ToArray(), network.Parameters.ToArray());
    }

    [Fact]
    public void DeclarationLeavesDefaultsOutAndNamesTheRest()
    {
        Assert.Equal(
            "using NetGen;\n\n/// <summary>A NetGen network: 2-8(Tanh)[dropout 0.1]-1(Sigmoid) BinaryCrossEntropy.</summary>\n[Network(2)]\n[Dense(8, Activation.Tanh)]\n[Dropout(0.1f)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Spiral { }\n",
            DynamicNetwork.Builder(2).Dense(8, Activation.Tanh).Dropout(0.1f).Dense(1, Activation.Sigmoid).Build().ToDeclaration("Spiral"));
        Assert.Contains("[Network(3, Loss = Loss.MeanSquaredError)]", Architecture("loss").ToDeclaration("N"));
        Assert.Contains("[Dense(5, Activation.LeakyRelu, Alpha = 0.2f)]", Architecture("alphas").ToDeclaration("N"));
        Assert.Contains("[Dense(8, Activation.Tanh, Init = Init.Normal)]", Architecture("inits").ToDeclaration("N"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2Net")]
    [InlineData("My Net")]
    [InlineData("class")]
    public void ClassNameMustBeAnIdentifier(string name) =>
        Assert.Throws<ArgumentException>(() => Architecture("plain").ToDeclaration(name));
}
