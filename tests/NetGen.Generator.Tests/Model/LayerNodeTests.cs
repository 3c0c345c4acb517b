using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Model;
using NetGen.Generator.Model.Layers;
using NetGen.Generator.Tests.Infrastructure;
using NetGen.Generator.Weights;
using Xunit;

namespace NetGen.Generator.Tests.Model;

/// <summary>The parser's model is a sequence of layer nodes, each with its shapes and parameter tensors.</summary>
public class LayerNodeTests
{
    [Fact]
    public void DenseActivationDropoutAndIdentity_BecomeNodesInOrder()
    {
        NetworkModel model = ModelOf("""
            using NetGen;
            [Network(6)]
            [Dense(5, Activation.LeakyRelu, Alpha = 0.2f)]
            [Dropout(0.25f)]
            [Dense(3)]
            public partial class Net { }
            """);

        // The declaration enums exist in both the generator and the runtime assembly here, so they are compared by name.
        Assert.Equal(4, model.Nodes.Count);
        DenseNode hidden = Assert.IsType<DenseNode>(model.Nodes[0]);
        Assert.Equal((0, 6, 5, 0, "He"), (hidden.Layer, hidden.Inputs, hidden.Units, hidden.ParameterOffset, hidden.Init.ToString()));
        ActivationNode activation = Assert.IsType<ActivationNode>(model.Nodes[1]);
        Assert.Equal((0, 5, 5, "LeakyRelu", 0.2f), (activation.Layer, activation.Inputs, activation.Outputs, activation.Activation.ToString(), activation.Alpha));
        Assert.Equal(new DropoutNode(0, 5, 0.25f), model.Nodes[2]);
        DenseNode output = Assert.IsType<DenseNode>(model.Nodes[3]);
        Assert.Equal((1, 5, 3, 35, "Xavier"), (output.Layer, output.Inputs, output.Units, output.ParameterOffset, output.Init.ToString()));
        Assert.Equal(35 + 18, model.ParameterCount);
        Assert.Equal(3, model.OutputSize);
        Assert.Equal(2, model.DenseLayerCount);

        // The weight-file names and shapes: layers.{layer}.weight [units, inputs], then layers.{layer}.bias [units].
        Assert.Equal(new[] { new TensorModel("weight", 35, 3, 5, true), new TensorModel("bias", 50, 3, 1, false) }, model.Nodes[3].Tensors.ToArray());
        Assert.Empty(model.Nodes[1].Tensors);
    }

    [Fact]
    public void NodesOfDifferentKinds_NeverCompareEqual()
    {
        // Same layer and shapes, different kinds: the cache key must still tell them apart.
        Assert.NotEqual<LayerNode>(new DropoutNode(0, 4, 0.5f), new DenseNode(0, 4, 4, default, 0));
        Assert.NotEqual<LayerNode>(new DropoutNode(0, 4, 0.5f), new DropoutNode(1, 4, 0.5f));
        Assert.Equal<LayerNode>(new DropoutNode(0, 4, 0.5f), new DropoutNode(0, 4, 0.5f));
    }

    private static NetworkModel ModelOf(string source)
    {
        GeneratorRun run = GeneratorRun.Run(TestCompilation.Create(source), trackSteps: true);
        run.AssertNoCrash();
        object? value = run.Generator.TrackedSteps[TrackingNames.Model].SelectMany(s => s.Outputs).Single().Value;
        return Assert.IsType<BoundNetwork>(value).Model!;
    }
}
