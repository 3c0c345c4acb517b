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

    // The generator compiles the runtime's Activation, Loss and Init into itself (internal, and visible to this project),
    // so their names are ambiguous here: the builder is called with the values' names and the runtime's parameter types.
    private static NetworkArchitecture Architecture(string name) => name switch
    {
        "plain" => Dense(DynamicNetwork.Builder(4), 3, "Softmax").ToArchitecture(),
        "defaults" => Dense(Dense(Dense(DynamicNetwork.Builder(6), 5, "LeakyRelu"), 4, "Elu"), 1, "Sigmoid").ToArchitecture(),
        "alphas" => Dense(Dense(Dense(DynamicNetwork.Builder(6), 5, "LeakyRelu", alpha: 0.2f), 4, "Elu", alpha: 1e-5f), 2).ToArchitecture(),
        "dropout" => Dense(Dense(Dense(DynamicNetwork.Builder(13), 17, "Relu").Dropout(0.3f), 9, "Tanh").Dropout(0.123456789f), 5, "Softmax").ToArchitecture(),
        "inits" => Dense(Dense(Dense(DynamicNetwork.Builder(3), 8, "Tanh", init: "Normal"), 8, "Relu", init: "LeCun"), 2, init: "He").ToArchitecture(),
        "loss" => WithLoss(Dense(Dense(DynamicNetwork.Builder(3), 4, "Sigmoid"), 2, "Softmax"), "MeanSquaredError").ToArchitecture(),
        _ => Dense(Dense(DynamicNetwork.Builder(5), 7, "Selu"), 1, "Identity", init: "Xavier").ToArchitecture(),
    };

    private static NetworkBuilder Dense(NetworkBuilder builder, int units, string activation = "Identity", float? alpha = null, string init = "Auto")
    {
        MethodInfo dense = typeof(NetworkBuilder).GetMethod(nameof(NetworkBuilder.Dense))!;
        ParameterInfo[] parameters = dense.GetParameters();
        return (NetworkBuilder)dense.Invoke(builder,
            new object?[] { units, Enum.Parse(parameters[1].ParameterType, activation), alpha, Enum.Parse(parameters[3].ParameterType, init) })!;
    }

    private static NetworkBuilder WithLoss(NetworkBuilder builder, string loss)
    {
        MethodInfo withLoss = typeof(NetworkBuilder).GetMethod(nameof(NetworkBuilder.WithLoss))!;
        return (NetworkBuilder)withLoss.Invoke(builder, new[] { Enum.Parse(withLoss.GetParameters()[0].ParameterType, loss) })!;
    }

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
            Dense(Dense(DynamicNetwork.Builder(2), 8, "Tanh").Dropout(0.1f), 1, "Sigmoid").Build().ToDeclaration("Spiral"));
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
