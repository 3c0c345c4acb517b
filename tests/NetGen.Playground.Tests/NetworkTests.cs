using System;
using System.Collections.Generic;
using Xunit;

namespace NetGen.Playground.Tests;

public class NetworkTests
{
    public static TheoryData<HiddenActivation, ProblemKind> Shapes() => new()
    {
        { HiddenActivation.Tanh, ProblemKind.Classification },
        { HiddenActivation.Relu, ProblemKind.Classification },
        { HiddenActivation.Sigmoid, ProblemKind.Regression },
        { HiddenActivation.Linear, ProblemKind.Regression },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Gradients_match_central_differences(HiddenActivation activation, ProblemKind problem)
    {
        NetworkArchitecture architecture = PlaygroundArchitecture.Build(3, new[] { 5, 4 }, activation, problem);
        INetwork network = PlaygroundNetworks.Create(architecture, seed: 3);
        var random = new Random(1);
        for (int i = 0; i < network.ParameterCount; i++) network.Parameters[i] += (float)(random.NextDouble() - 0.5) * 0.2f; // non-zero biases too
        float[] inputs = { 0.3f, -1.2f, 0.7f, 1.1f, 0.4f, -0.5f };
        float[] targets = { 0.5f, -1f };
        var analytic = new float[network.ParameterCount];
        network.AccumulateGradientsBatch(inputs, targets, 2, analytic, 0);

        var outputs = new float[2];
        double Loss()
        {
            network.ForwardBatch(inputs, outputs, 2);
            return 0.5 * ((outputs[0] - targets[0]) * (outputs[0] - targets[0]) + (outputs[1] - targets[1]) * (outputs[1] - targets[1]));
        }

        for (int i = 0; i < network.ParameterCount; i++)
        {
            float saved = network.Parameters[i];
            const float h = 1e-2f;
            network.Parameters[i] = saved + h;
            double up = Loss();
            network.Parameters[i] = saved - h;
            double down = Loss();
            network.Parameters[i] = saved;
            // float32 central differences with h = 0.01: truncation O(h^2 f''') ~ 1e-4 plus rounding ~ 1e-7 / h ~ 1e-5.
            Assert.True(Math.Abs((up - down) / (2 * h) - analytic[i]) < 2e-3, $"parameter {i}: numeric {(up - down) / (2 * h)}, analytic {analytic[i]}");
        }
    }

    [Fact]
    public void Architecture_has_one_output_unit_tanh_for_classes_and_linear_for_values()
    {
        NetworkArchitecture classes = PlaygroundArchitecture.Build(4, new[] { 8, 8 }, HiddenActivation.Tanh, ProblemKind.Classification);
        Assert.Equal("4-8(Tanh)-8(Tanh)-1(Tanh) MeanSquaredError", classes.ToString());
        NetworkArchitecture values = PlaygroundArchitecture.Build(2, Array.Empty<int>(), HiddenActivation.Relu, ProblemKind.Regression);
        Assert.Equal("2-1(Identity) MeanSquaredError", values.ToString());
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Copied_declaration_compiles_to_the_same_architecture_and_initial_weights(HiddenActivation activation, ProblemKind problem)
    {
        NetworkArchitecture architecture = PlaygroundArchitecture.Build(4, new[] { 8, 3 }, activation, problem);
        string declaration = PlaygroundNetworks.Declaration(architecture, "CopiedNet");
        INetwork generated = DeclarationCompiler.CompileAndCreate(declaration, "CopiedNet", seed: 11);
        Assert.Equal(architecture, generated.Architecture);
        // Bit-identical initial parameters for the same seed: the network the page trains is the one the text generates.
        Assert.Equal(generated.Parameters.ToArray(), PlaygroundNetworks.Create(architecture, seed: 11).Parameters.ToArray());
    }

    [Fact]
    public void Declaration_rejects_a_class_name_that_is_not_an_identifier() =>
        Assert.Equal("className", Assert.Throws<ArgumentException>(() =>
            PlaygroundNetworks.Declaration(PlaygroundArchitecture.Build(2, new[] { 2 }, HiddenActivation.Tanh, ProblemKind.Classification), "My Net")).ParamName);

    [Fact]
    public void Grid_output_equals_ForwardBatch_and_hidden_maps_have_every_neuron()
    {
        var features = new[] { Feature.X1, Feature.X2, Feature.SinX1 };
        NetworkArchitecture architecture = PlaygroundArchitecture.Build(3, new[] { 4, 2 }, HiddenActivation.Tanh, ProblemKind.Classification);
        INetwork network = PlaygroundNetworks.Create(architecture, seed: 2);
        var grid = new DecisionGrid(features, architecture, density: 5);
        grid.Update(network);
        Span<float> input = stackalloc float[3];
        Span<float> output = stackalloc float[1];
        for (int row = 0; row < 5; row++)
        for (int column = 0; column < 5; column++)
        {
            double x = -6 + 3 * column, y = 6 - 3 * row; // row 0 is the top edge
            Features.Compute(features, x, y, input);
            network.Forward(input, output);
            Assert.Equal(output[0], grid.OutputMap[row * 5 + column]);
            Assert.Equal((float)x, grid.FeatureMap(0)[row * 5 + column]);
        }

        Assert.Equal(25, grid.NeuronMap(1, 1).Length);
    }

    [Fact]
    public void Session_training_lowers_both_losses_on_the_gaussian_set()
    {
        var session = new PlaygroundSession(new PlaygroundSettings { Dataset = DatasetKind.Gaussian, NetworkSeed = 3 });
        LossPoint start = session.Latest;
        session.Train(20);
        Assert.Equal(20, session.Epoch);
        Assert.Equal(21, session.History.Count);
        // Two well-separated clouds: 20 epochs of SGD at 0.03 (500 steps) leave the loss far below its start; 0.05 is
        // about a 0.3 average error on a target of +-1, and a network that learned nothing stays near 0.5.
        Assert.True(session.Latest.Train < 0.05 && session.Latest.Test < 0.05, $"start {start}, end {session.Latest}");
        Assert.True(start.Train > 0.1, $"start {start}");
    }

    [Fact]
    public void Session_with_the_same_settings_is_reproducible_and_L1_and_L2_change_the_weights()
    {
        var settings = new PlaygroundSettings { Dataset = DatasetKind.Xor, HiddenLayers = new List<int> { 3 } };
        var a = new PlaygroundSession(settings);
        var b = new PlaygroundSession(settings);
        a.Train(3);
        b.Train(3);
        Assert.Equal(a.Network.Parameters.ToArray(), b.Network.Parameters.ToArray());
        settings.Regularization = Regularization.L2;
        settings.RegularizationRate = 0.03f;
        var c = new PlaygroundSession(settings);
        c.Train(3);
        Assert.NotEqual(a.Network.Parameters.ToArray(), c.Network.Parameters.ToArray());
        settings.Regularization = Regularization.L1;
        var d = new PlaygroundSession(settings);
        d.Train(3);
        Assert.NotEqual(a.Network.Parameters.ToArray(), d.Network.Parameters.ToArray());
        Assert.NotEqual(c.Network.Parameters.ToArray(), d.Network.Parameters.ToArray());
    }

    [Theory]
    [InlineData(Regularization.L1)]
    [InlineData(Regularization.L2)]
    public void Regularisation_shrinks_the_weights(Regularization kind)
    {
        double WeightSize(Regularization regularization)
        {
            var session = new PlaygroundSession(new PlaygroundSettings { Dataset = DatasetKind.Xor, Regularization = regularization, RegularizationRate = 0.03f });
            session.Train(20);
            double sum = 0;
            foreach (LayerInfo layer in session.Architecture.Layers)
                foreach (float w in session.Network.Parameters.Slice(layer.ParameterOffset, layer.WeightCount)) sum += Math.Abs(w);
            return sum;
        }

        // Same seed, data and batches: only the penalty differs, and at rate 0.03 over 500 steps it must show.
        Assert.True(WeightSize(kind) < 0.9 * WeightSize(Regularization.None), $"{kind}: {WeightSize(kind)} vs {WeightSize(Regularization.None)}");
    }

    [Fact]
    public void Settings_out_of_range_are_rejected_by_name()
    {
        Assert.Equal("HiddenLayers", Assert.Throws<ArgumentException>(() => new PlaygroundSession(new PlaygroundSettings { HiddenLayers = new List<int> { 9 } })).ParamName);
        Assert.Equal("Features", Assert.Throws<ArgumentException>(() => new PlaygroundSession(new PlaygroundSettings { Features = new List<Feature>() })).ParamName);
        Assert.Equal("Dataset", Assert.Throws<ArgumentException>(() => new PlaygroundSession(new PlaygroundSettings { Problem = ProblemKind.Regression, RegressionDataset = DatasetKind.Spiral })).ParamName);
    }
}
