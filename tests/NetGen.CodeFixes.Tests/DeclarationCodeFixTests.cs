using Xunit;

namespace NetGen.CodeFixes.Tests;

public sealed class SoftmaxHiddenLayerCodeFixTests
{
    private static readonly SoftmaxHiddenLayerCodeFixProvider Provider = new();

    [Fact]
    public void NG0005_gives_the_hidden_layer_Relu()
    {
        CodeFixHarness.AssertFix(Provider, "NG0005",
            before: """
            using NetGen;

            [Network(3)]
            [Dense(4, Activation.Softmax)]
            [Dense(2, Activation.Softmax)]
            public partial class Net { }
            """,
            title: "Use Activation.Relu on this hidden layer",
            after: """
            using NetGen;

            [Network(3)]
            [Dense(4, Activation.Relu)]
            [Dense(2, Activation.Softmax)]
            public partial class Net { }
            """);
    }

    [Fact]
    public void NG0005_does_not_offer_a_move_when_the_output_is_Softmax_already_or_has_one_unit()
    {
        Assert.Equal(new[] { "Use Activation.Relu on this hidden layer" }, CodeFixHarness.Titles(Provider, "NG0005", """
            using NetGen;

            [Network(3)]
            [Dense(4, Activation.Softmax)]
            [Dense(2, Activation.Softmax)]
            public partial class Net { }
            """));
        Assert.Equal(new[] { "Use Activation.Relu on this hidden layer" }, CodeFixHarness.Titles(Provider, "NG0005", """
            using NetGen;

            [Network(3)]
            [Dense(4, Activation.Softmax)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """));
    }

    [Fact]
    public void NG0005_moves_Softmax_onto_an_output_layer_with_another_activation()
    {
        CodeFixHarness.AssertFix(Provider, "NG0005",
            before: """
            using NetGen;

            [Network(3)]
            [Dense(8, Activation.Tanh)]
            [Dense(4, Activation.Softmax)]
            [Dense(3, Activation.Sigmoid)]
            public partial class Net { }
            """,
            title: "Move Softmax to the output layer",
            after: """
            using NetGen;

            [Network(3)]
            [Dense(8, Activation.Tanh)]
            [Dense(4, Activation.Relu)]
            [Dense(3, Activation.Softmax)]
            public partial class Net { }
            """);
    }

    [Fact]
    public void NG0005_moves_Softmax_onto_an_output_layer_with_the_default_activation()
    {
        CodeFixHarness.AssertFix(Provider, "NG0005",
            before: """
            using NetGen;

            [Network(3)]
            [Dense(4, Activation.Softmax)]
            [Dense(3, Init = Init.Xavier)]
            public partial class Net { }
            """,
            title: "Move Softmax to the output layer",
            after: """
            using NetGen;

            [Network(3)]
            [Dense(4, Activation.Relu)]
            [Dense(3, Activation.Softmax, Init = Init.Xavier)]
            public partial class Net { }
            """);
    }
}

public sealed class LossCodeFixTests
{
    private static readonly LossCodeFixProvider Provider = new();

    private const string BinaryOnSoftmax = """
        using NetGen;

        [Network(3, Loss = Loss.BinaryCrossEntropy)]
        [Dense(2, Activation.Softmax)]
        public partial class Net { }
        """;

    [Fact]
    public void NG0006_sets_the_loss_that_fits_a_Softmax_output()
    {
        CodeFixHarness.AssertFix(Provider, "NG0006", BinaryOnSoftmax,
            title: "Use Loss.CategoricalCrossEntropy, which fits the Softmax output",
            after: """
            using NetGen;

            [Network(3, Loss = Loss.CategoricalCrossEntropy)]
            [Dense(2, Activation.Softmax)]
            public partial class Net { }
            """);
    }

    [Fact]
    public void NG0006_removes_the_loss_so_Auto_chooses()
    {
        CodeFixHarness.AssertFix(Provider, "NG0006", BinaryOnSoftmax,
            title: "Remove 'Loss' (Loss.Auto chooses CategoricalCrossEntropy)",
            after: """
            using NetGen;

            [Network(3)]
            [Dense(2, Activation.Softmax)]
            public partial class Net { }
            """);
    }

    [Fact]
    public void NG0006_on_an_output_with_the_default_activation_sets_mean_squared_error()
    {
        CodeFixHarness.AssertFix(Provider, "NG0006",
            before: """
            using NetGen;

            [Network(3, Loss = NetGen.Loss.CategoricalCrossEntropy)]
            [Dense(4, Activation.Relu)]
            [Dense(2)]
            public partial class Net { }
            """,
            title: "Use Loss.MeanSquaredError, which fits the Identity output",
            after: """
            using NetGen;

            [Network(3, Loss = Loss.MeanSquaredError)]
            [Dense(4, Activation.Relu)]
            [Dense(2)]
            public partial class Net { }
            """);
    }
}

public sealed class AlphaIgnoredCodeFixTests
{
    private static readonly AlphaIgnoredCodeFixProvider Provider = new();

    [Fact]
    public void NG0010_removes_a_trailing_Alpha()
    {
        CodeFixHarness.AssertFix(Provider, "NG0010",
            before: """
            using NetGen;

            [Network(3)]
            [Dense(4, Activation.Relu, Alpha = 0.2f)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """,
            title: "Remove 'Alpha', which this activation ignores",
            after: """
            using NetGen;

            [Network(3)]
            [Dense(4, Activation.Relu)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """);
    }

    [Fact]
    public void NG0010_removes_an_Alpha_between_other_arguments()
    {
        CodeFixHarness.AssertFix(Provider, "NG0010",
            before: """
            using NetGen;

            [Network(3)]
            [Dense(4, Activation.Tanh, Alpha = 0.2f, Init = Init.Xavier)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """,
            title: "Remove 'Alpha', which this activation ignores",
            after: """
            using NetGen;

            [Network(3)]
            [Dense(4, Activation.Tanh, Init = Init.Xavier)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """);
    }
}
