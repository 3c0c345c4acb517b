using System;
using System.Linq;
using NetGen.Tests.Reference;
using Xunit;

namespace NetGen.Tests.Training;

public class EvaluateTests
{
    [Fact]
    public void ConfusionMatrixCountsActualByPredicted()
    {
        // Softmax of 5 * input with zero biases: the prediction is the largest input, so each example's predicted class is chosen by hand.
        NetworkArchitecture arch = Nets.Architecture(3, Loss.CategoricalCrossEntropy, (3, Activation.Softmax, 0f));
        var network = new ReferenceNetworkAdapter(arch, new float[] { 5, 0, 0, 0, 5, 0, 0, 0, 5, 0, 0, 0 });
        (int Actual, int Predicted)[] pairs = { (0, 0), (0, 0), (0, 1), (1, 1), (1, 1), (1, 1), (1, 2), (2, 0), (2, 2), (2, 2) };
        var x = new float[pairs.Length * 3];
        var y = new float[pairs.Length * 3];
        for (int i = 0; i < pairs.Length; i++)
        {
            x[i * 3 + pairs[i].Predicted] = 1;
            y[i * 3 + pairs[i].Actual] = 1;
        }

        var data = new Dataset(x, 3, y, 3, new[] { "cat", "dog", "hamster" });
        Evaluation e = network.Evaluate(data);

        int[,] expected = { { 2, 1, 0 }, { 0, 3, 1 }, { 1, 0, 2 } };
        Assert.Equal(expected, e.ConfusionMatrix);
        Assert.Equal(10, e.Count);
        Assert.Equal(0.7, e.Accuracy!.Value, 12);
        Assert.Equal(new[] { "cat", "dog", "hamster" }, e.ClassNames);
        double right = -Math.Log(Math.Exp(5) / (Math.Exp(5) + 2)), wrong = -Math.Log(1 / (Math.Exp(5) + 2));
        // Float softmax outputs: relative error ~1e-7 in each log.
        Assert.Equal((7 * right + 3 * wrong) / 10, e.Loss, 1e-6);

        string text = e.Format();
        Assert.Contains("accuracy: 0.7000", text);
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(new[] { "actual", "\\", "predicted", "cat", "dog", "hamster" }, lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(new[] { "dog", "0", "3", "1" }, lines[3].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(text, e.ToString());
    }

    [Fact]
    public void ASingleSigmoidOutputIsABinaryClassifier()
    {
        NetworkArchitecture arch = Nets.Architecture(1, Loss.BinaryCrossEntropy, (1, Activation.Sigmoid, 0f));
        var network = new ReferenceNetworkAdapter(arch, new float[] { 4, 0 });
        var data = new Dataset(new float[] { -1, 1, 2, -3, 0.5f }, 1, new float[] { 0, 1, 0, 1, 1 }, 1);
        Evaluation e = network.Evaluate(data);
        Assert.Equal(new[,] { { 1, 1 }, { 1, 2 } }, e.ConfusionMatrix);
        Assert.Equal(0.6, e.Accuracy!.Value, 12);
        Assert.Equal(new[] { "0", "1" }, e.ClassNames);
        double expected = new[] { (-1.0, 0.0), (1, 1), (2, 0), (-3, 1), (0.5, 1) }
            .Select(p => { double s = 1 / (1 + Math.Exp(-4 * p.Item1)); return -(p.Item2 * Math.Log(s) + (1 - p.Item2) * Math.Log(1 - s)); }).Average();
        // Evaluate sees float probabilities: sigmoid(8) = 0.99966 carries an absolute error up to 6e-8, which is 1.8e-4
        // relative in 1 - yhat, so ln(1 - yhat) for that example is off by up to 1.8e-4 (3.6e-5 in the mean of five).
        Assert.Equal(expected, e.Loss, 5e-5);
    }

    [Fact]
    public void RegressionHasLossOnly()
    {
        NetworkArchitecture arch = Nets.Architecture(1, Loss.MeanSquaredError, (1, Activation.Identity, 0f));
        var network = new ReferenceNetworkAdapter(arch, new float[] { 2, 1 });
        Evaluation e = network.Evaluate(new Dataset(new float[] { 0, 1, 2 }, 1, new float[] { 1, 4, 4 }, 1));
        Assert.Null(e.Accuracy);
        Assert.Null(e.ConfusionMatrix);
        Assert.Null(e.ClassNames);
        Assert.Equal((0 + 0.5 * 1 + 0.5 * 1) / 3.0, e.Loss, 1e-12);
        Assert.DoesNotContain("accuracy", e.Format());
    }

    [Fact]
    public void ConfusionMatrixIsACopy()
    {
        NetworkArchitecture arch = Nets.Architecture(1, Loss.BinaryCrossEntropy, (1, Activation.Sigmoid, 0f));
        Evaluation e = new ReferenceNetworkAdapter(arch, new float[] { 1, 0 }).Evaluate(new Dataset(new float[] { 1 }, 1, new float[] { 1 }, 1));
        e.ConfusionMatrix![1, 1] = 99;
        Assert.Equal(1, e.ConfusionMatrix![1, 1]);
    }
}
