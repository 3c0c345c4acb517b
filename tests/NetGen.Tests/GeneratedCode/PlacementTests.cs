using NetGen.TestNetworks;
using Xunit;

namespace NetGen.Tests.GeneratedCode;

/// <summary>Networks in the global namespace, nested in a containing class, and internal sealed all get the full surface.</summary>
public class PlacementTests
{
    [Fact]
    public void GlobalNamespaceNetworkWorks()
    {
        INetwork net = new global::GlobalNamespaceNetwork(1);
        Assert.Equal(2, net.OutputSize);
        var output = new float[2];
        net.Forward(new float[5], output);
        Assert.Equal(1f, output[0] + output[1], 6);
    }

    [Fact]
    public void NestedNetworkWorks()
    {
        INetwork net = new Container.NestedNetwork();
        Assert.Equal(Container.NestedNetwork.ParameterCount, net.ParameterCount);
        Assert.Equal(41, net.ParameterCount);
    }

    [Fact]
    public void InternalSealedNetworkKeepsItsModifiers()
    {
        Assert.True(typeof(InternalSealedNetwork).IsSealed);
        Assert.False(typeof(InternalSealedNetwork).IsPublic);
        Assert.IsAssignableFrom<INetwork>(new InternalSealedNetwork());
    }

    [Fact]
    public void ArchitectureDescribesTheDeclaration()
    {
        NetworkArchitecture a = ((INetwork)new DropoutRegressor()).Architecture;
        Assert.Same(DropoutRegressor.Architecture, a);
        Assert.Equal("11-19(Sigmoid)[dropout 0.25]-7(Elu 0.5)-3(Identity) MeanSquaredError", a.ToString());
        Assert.Equal(Loss.CategoricalCrossEntropy, Mnist128.Architecture.Loss);
        Assert.Equal(0.2f, LeakyReluHiddenMse.Architecture.Layers[0].Alpha);
        Assert.Equal(0.01f, DefaultAlphas.Architecture.Layers[0].Alpha);
        Assert.Equal(1f, DefaultAlphas.Architecture.Layers[1].Alpha);
    }
}
