using NetGen.TestNetworks;
using Xunit;

namespace NetGen.Tests.GeneratedCode;

public class SummaryTests
{
    [Fact]
    public void SummaryListsLayersShapesAndCounts()
    {
        string expected = string.Join("\n",
            "Model: \"DropoutRegressor\"",
            "_________________________________________________________________________",
            " Layer (type)          Output shape    Activation                 Param #",
            "=========================================================================",
            " input (Input)         (11)                                             0",
            " dense_0 (Dense)       (19)            Sigmoid                        228",
            " dropout_0 (Dropout)   (19)            rate 0.25                        0",
            " dense_1 (Dense)       (7)             Elu(0.5)                       140",
            " dense_2 (Dense)       (3)             Identity                        24",
            "=========================================================================",
            "Total params: 392",
            "Loss: MeanSquaredError");
        Assert.Equal(expected, new DropoutRegressor().Summary());
        Assert.Contains("Total params: 39,760", new Mnist50().Summary());
    }
}
