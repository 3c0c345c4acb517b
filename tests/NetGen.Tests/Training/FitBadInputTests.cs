using System;
using System.Linq;
using NetGen.Tests.Reference;
using Xunit;

namespace NetGen.Tests.Training;

public class FitBadInputTests
{
    private static ReferenceNetworkAdapter Network() =>
        Nets.Reference(2, 6, Loss.CategoricalCrossEntropy, (5, Activation.Tanh, 0f), (3, Activation.Softmax, 0f));

    private static Dataset Good() => Nets.Blobs(20, 6, 3, seed: 1);

    public static TheoryData<string, Func<Dataset>, Func<TrainingOptions>, string[]> Cases => new()
    {
        { "feature width", () => Nets.Blobs(20, 5, 3, 1), () => new TrainingOptions(), new[] { "5 features", "6 inputs" } },
        { "target width", () => Nets.Blobs(20, 6, 4, 1), () => new TrainingOptions(), new[] { "4 targets", "3 outputs" } },
        { "NaN feature", () => Poisoned(features: true, float.NaN), () => new TrainingOptions(), new[] { "feature 4 of example 7", "NaN" } },
        { "infinite target", () => Poisoned(features: false, float.PositiveInfinity), () => new TrainingOptions(), new[] { "target 1 of example 7", "Infinity" } },
        { "NaN in validation", Good, () => new TrainingOptions { Validation = Poisoned(features: true, float.NaN) }, new[] { "validation set", "feature 4 of example 7" } },
        { "empty", () => new Dataset(Array.Empty<float>(), 6, Array.Empty<float>(), 3), () => new TrainingOptions(), new[] { "empty" } },
        { "batch size 0", Good, () => new TrainingOptions { BatchSize = 0 }, new[] { "BatchSize", "it is 0" } },
        { "batch size negative", Good, () => new TrainingOptions { BatchSize = -3 }, new[] { "BatchSize", "it is -3" } },
        { "epochs 0", Good, () => new TrainingOptions { Epochs = 0 }, new[] { "Epochs", "it is 0" } },
        { "learning rate NaN", Good, () => new TrainingOptions { Optimizer = new Sgd(float.NaN) }, new[] { "learningRate", "NaN" } },
        { "learning rate 0", Good, () => new TrainingOptions { Optimizer = new Adam(0f) }, new[] { "learningRate", "it is 0" } },
        { "learning rate negative", Good, () => new TrainingOptions { Optimizer = new RmsProp(-0.1f) }, new[] { "learningRate", "-0.1" } },
        { "L2 negative", Good, () => new TrainingOptions { L2 = -0.5f }, new[] { "L2", "-0.5" } },
        { "L2 NaN", Good, () => new TrainingOptions { L2 = float.NaN }, new[] { "L2", "NaN" } },
        { "L1 negative", Good, () => new TrainingOptions { L1 = -0.25f }, new[] { "L1", "-0.25" } },
        { "L1 infinite", Good, () => new TrainingOptions { L1 = float.PositiveInfinity }, new[] { "L1", "Infinity" } },
        { "threads negative", Good, () => new TrainingOptions { Threads = -1 }, new[] { "Threads", "-1" } },
        { "patience negative", Good, () => new TrainingOptions { EarlyStoppingPatience = -2, Validation = Good() }, new[] { "EarlyStoppingPatience", "-2" } },
        { "patience without validation", Good, () => new TrainingOptions { EarlyStoppingPatience = 2 }, new[] { "EarlyStoppingPatience is 2", "no Validation" } },
        { "validation width", Good, () => new TrainingOptions { Validation = Nets.Blobs(10, 7, 3, 1) }, new[] { "validation set", "7 features", "6 inputs" } },
        { "validation targets", Good, () => new TrainingOptions { Validation = Nets.Blobs(10, 6, 2, 1) }, new[] { "validation set", "2 targets", "3 outputs" } },
        { "validation empty", Good, () => new TrainingOptions { Validation = new Dataset(Array.Empty<float>(), 6, Array.Empty<float>(), 3) }, new[] { "validation set is empty" } },
        { "optimizer sized for another network", Good, () => new TrainingOptions { Optimizer = UsedOn(10) }, new[] { "sized for 10 parameters", "53" } },
    };

    private static Dataset Poisoned(bool features, float poison)
    {
        Dataset data = Good();
        if (features) data.Features(7)[4] = poison;
        else data.Target(7)[1] = poison;
        return data;
    }

    private static Optimizer UsedOn(int parameters)
    {
        var adam = new Adam();
        adam.Step(new float[parameters], new float[parameters]);
        return adam;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadInputThrowsBeforeAnyParameterChanges(string what, Func<Dataset> data, Func<TrainingOptions> options, string[] mentions)
    {
        ReferenceNetworkAdapter network = Network();
        float[] before = network.Parameters.ToArray();
        var ex = Assert.ThrowsAny<ArgumentException>(() => network.Fit(data(), options()));
        Assert.IsNotType<ArgumentNullException>(ex);
        foreach (string mention in mentions) Assert.Contains(mention, ex.Message);
        Assert.Equal(before, network.Parameters.ToArray());
        _ = what;
    }

    [Fact]
    public void NullArgumentsThrow()
    {
        Assert.Throws<ArgumentNullException>(() => Network().Fit(null!, new TrainingOptions()));
        Assert.Throws<ArgumentNullException>(() => Network().Fit(Good(), null!));
        Assert.Throws<ArgumentNullException>(() => ((INetwork)null!).Fit(Good(), new TrainingOptions()));
        Assert.Throws<ArgumentNullException>(() => Network().Evaluate(null!));
    }

    [Fact]
    public void EvaluateChecksWidthsAndEmptiness()
    {
        Assert.Contains("5 features", Assert.Throws<ArgumentException>(() => Network().Evaluate(Nets.Blobs(4, 5, 3, 1))).Message);
        Assert.Contains("4 targets", Assert.Throws<ArgumentException>(() => Network().Evaluate(Nets.Blobs(4, 6, 4, 1))).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => Network().Evaluate(new Dataset(Array.Empty<float>(), 6, Array.Empty<float>(), 3))).Message);
    }
}
