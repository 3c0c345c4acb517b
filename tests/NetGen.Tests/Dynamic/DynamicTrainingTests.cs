using System;
using NetGen.TestNetworks;
using NetGen.Tests.GeneratedCode;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests.Dynamic;

/// <summary><c>Fit</c> on a <see cref="DynamicNetwork"/> follows the generated class's trajectory.</summary>
public class DynamicTrainingTests(ITestOutputHelper output)
{
    /// <summary>
    /// Same architecture, seed and options give the same shuffles and dropout masks, so the runs differ only by the
    /// rounding of the gradient sums. On .NET 8+ with Vector256 both run batches of more than one example through the
    /// same <c>BatchKernels</c> in the same order, so they are bit-identical, and the test says so. Elsewhere (AVX or
    /// intrinsics off) the kernels sum in other orders: each batch's gradient differs by at most the rounding bound
    /// <c>2 * Tolerance.Gradient</c> (largest gradient taken as 10; these networks' gradients stay below 3), and plain SGD
    /// moves a parameter by <c>lr</c> times that difference per step, so to first order the differences add up to
    /// <c>steps * lr * 2 * Tolerance.Gradient</c>. The first-order bound ignores amplification through the loss curvature;
    /// over 18 steps at learning rate 0.05 that is small, and the measured differences on the portable paths (6e-8) are
    /// four orders of magnitude inside it.
    /// </summary>
    [Theory]
    [InlineData("TanhHiddenMse")]
    [InlineData("SigmoidHiddenBce")]
    [InlineData("ReluHiddenCce")]
    [InlineData("SeluHiddenCce")]
    [InlineData("DropoutClassifier")]
    [InlineData("DropoutRegressor")]
    public void FitFollowsTheGeneratedTrajectory(string name)
    {
        const float learningRate = 0.05f;
        const int examples = 96, batchSize = 16, epochs = 3;
        INetwork generated = NetworkCatalog.Create(name, seed: 5);
        var dynamic = new DynamicNetwork(generated.Architecture, seed: 5);
        Dataset data = RandomData(generated.Architecture, examples, seed: 8);
        TrainingOptions Options() => new() { Epochs = epochs, BatchSize = batchSize, Optimizer = new Sgd(learningRate), Seed = 3, Threads = 1, L2 = 0.01f };

        TrainingHistory expected = generated.Fit(data, Options());
        TrainingHistory actual = dynamic.Fit(data, Options());

        int steps = epochs * examples / batchSize;
        double bound = steps * learningRate * 2 * Tolerance.Gradient(generated.Architecture, 10);
        double worst = 0;
        for (int i = 0; i < generated.ParameterCount; i++) worst = Math.Max(worst, Math.Abs(generated.Parameters[i] - dynamic.Parameters[i]));
        output.WriteLine($"{name}: largest parameter difference {worst:E2}, bound {bound:E2} ({worst / bound:P1} of it)");
        Assert.True(worst <= bound, $"{name}: parameters differ by up to {worst:E2}; bound {bound:E2}");
        if (System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated) Assert.Equal(0, worst);
        for (int e = 0; e < epochs; e++)
            Assert.Equal(expected[e].TrainLoss, actual[e].TrainLoss, Math.Max(1e-9, 1e-4 * Math.Abs(expected[e].TrainLoss)));
    }

    [Fact]
    public void OptimizersEvaluateSaveAndLoadWorkUnchanged()
    {
        DynamicNetwork net = DynamicNetwork.Builder(13).Dense(16, Activation.Relu).Dropout(0.2f).Dense(5, Activation.Softmax).Build(seed: 2);
        Dataset data = RandomData(net.Architecture, 200, seed: 4);
        double before = net.Evaluate(data).Loss;
        foreach (Optimizer optimizer in new Optimizer[] { new Adam(0.01f), new AdamW(0.01f), new RmsProp(0.005f), new Sgd(0.05f, momentum: 0.9f) })
        {
            TrainingHistory history = net.Fit(data, new TrainingOptions { Epochs = 5, BatchSize = 20, Optimizer = optimizer, Seed = 1, Threads = 2 });
            Assert.Equal(5, history.Count);
        }

        Assert.True(net.Evaluate(data).Loss < 0.8 * before, $"loss {before} -> {net.Evaluate(data).Loss}");
    }

    /// <summary>Targets the loss accepts: one-hot classes for CCE, 0/1 for BCE, values in [-1, 1] for MSE.</summary>
    internal static Dataset RandomData(NetworkArchitecture architecture, int count, int seed)
    {
        var random = new Random(seed);
        int inputs = architecture.InputSize, outputs = architecture.OutputSize;
        float[] x = NetworkCatalog.RandomInput(count * inputs, random);
        var y = new float[count * outputs];
        for (int j = 0; j < count; j++)
        {
            // A learnable rule: the target follows the sign of the first inputs, so training has something to find.
            for (int k = 0; k < outputs; k++)
            {
                float signal = x[j * inputs + k % inputs];
                y[j * outputs + k] = architecture.Loss switch
                {
                    Loss.MeanSquaredError => signal,
                    Loss.BinaryCrossEntropy => signal > 0 ? 1 : 0,
                    _ => 0,
                };
            }

            if (architecture.Loss == Loss.CategoricalCrossEntropy)
            {
                int best = 0;
                for (int k = 1; k < outputs; k++) if (x[j * inputs + k] > x[j * inputs + best]) best = k;
                y[j * outputs + best] = 1;
            }
        }

        return new Dataset(x, inputs, y, outputs);
    }
}
