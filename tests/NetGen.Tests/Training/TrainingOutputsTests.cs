using System;
using NetGen.Tests.GeneratedCode;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>
/// AccumulateGradientsBatch with an outputs buffer: the same loss and gradient bits as without it, and the outputs of
/// that very pass (dropout masks included), on the batched and the per-example paths.
/// </summary>
public class TrainingOutputsTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in new[] { "Mnist128", "BatchedShapes", "DropoutClassifier", "DropoutRegressor", "Control16", "ReluHiddenCce" })
            foreach (int count in new[] { 1, 2, 37, 70 }) data.Add(name, count);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OutputsAreThoseOfTheTrainingPassAndChangeNothingElse(string name, int count)
    {
        INetwork network = NetworkCatalog.Factories[name](4);
        var random = new Random(count);
        var inputs = new float[count * network.InputSize];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)(2 * random.NextDouble() - 1);
        var targets = new float[count * network.OutputSize];
        for (int e = 0; e < count; e++) targets[e * network.OutputSize + random.Next(network.OutputSize)] = 1f;
        const ulong stream = 1234;

        var plainGradients = new float[network.ParameterCount];
        float plainLoss = network.AccumulateGradientsBatch(inputs, targets, count, plainGradients, stream);
        var gradients = new float[network.ParameterCount];
        var outputs = new float[count * network.OutputSize];
        float loss = network.AccumulateGradientsBatch(inputs, targets, count, gradients, stream, outputs);
        Assert.Equal(plainLoss, loss);
        Assert.True(plainGradients.AsSpan().SequenceEqual(gradients), "the outputs buffer changed the gradient");

        // Each example again on its own (the per-example path, its own dropout stream): the same outputs up to the
        // rounding of a differently ordered dot product, bounded as in Tolerance.cs.
        var single = new float[network.OutputSize];
        var scratchGradients = new float[network.ParameterCount];
        for (int e = 0; e < count; e++)
        {
            network.AccumulateGradientsBatch(inputs.AsSpan(e * network.InputSize, network.InputSize), targets.AsSpan(e * network.OutputSize, network.OutputSize),
                1, scratchGradients, stream + (ulong)e, single);
            for (int o = 0; o < network.OutputSize; o++)
                Assert.True(Math.Abs(single[o] - outputs[e * network.OutputSize + o]) <= 1e-4f * (1 + Math.Abs(single[o])),
                    $"{name} example {e} output {o}: {outputs[e * network.OutputSize + o]} vs {single[o]}");
        }

        Assert.ThrowsAny<ArgumentException>(() => network.AccumulateGradientsBatch(inputs, targets, count, gradients, stream, new float[count * network.OutputSize - 1]));
    }
}
