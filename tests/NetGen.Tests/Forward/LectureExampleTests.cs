using System;
using NetGen.TestNetworks;
using Xunit;

namespace NetGen.Tests.Forward;

/// <summary>The worked examples of lecture-examples.json, through the generated code.</summary>
public class LectureExampleTests
{
    private static readonly float[] LectureInput = { 0.2f, 0.5f, -0.9f };
    private static readonly float[] HiddenWeights = { 1.2f, 0.9f, 0.3f, 0.2f, 0.3f, 0.1f, 1.3f, 1.9f, 0.1f };
    private static readonly float[] HiddenBiases = { 0.1f, 0.1f, 0.1f };
    private static readonly float[] OutputWeights = { 0.2f, 0.6f, 0.2f };
    private const float OutputBias = 0.1f;

    // The weights are rounded to float, so agreement is to float precision (about 1e-7 relative), not the printed
    // 8 digits; 1e-6 absolute is ten times that for values below 1.
    private const double FloatAgreement = 1e-6;

    [Fact]
    public void TinyGivesTheLectureOutput()
    {
        var net = new Tiny();
        HiddenWeights.CopyTo(net.Parameters);
        HiddenBiases.CopyTo(net.Parameters.Slice(9));
        OutputWeights.CopyTo(net.Parameters.Slice(12));
        net.Parameters[15] = OutputBias;
        var output = new float[1];
        net.Forward(LectureInput, output);
        Assert.Equal(0.67034429, output[0], FloatAgreement);
    }

    [Fact]
    public void TinyHiddenLayerGivesTheLectureActivations()
    {
        var net = new TinyHidden();
        HiddenWeights.CopyTo(net.Parameters);
        HiddenBiases.CopyTo(net.Parameters.Slice(9));
        var hidden = new float[3];
        net.Forward(LectureInput, hidden);
        Assert.Equal(0.62714777, hidden[0], FloatAgreement);
        Assert.Equal(0.549834, hidden[1], FloatAgreement);
        Assert.Equal(0.77206355, hidden[2], FloatAgreement);
    }

    [Fact]
    public void SoftmaxOfTheLectureLogits()
    {
        SoftmaxExample net = IdentitySoftmax();
        var probabilities = new float[3];
        net.Forward(new[] { 6f, -2f, 3f }, probabilities);
        Assert.Equal(0.95226983, probabilities[0], FloatAgreement);
        Assert.Equal(0.00031945, probabilities[1], FloatAgreement);
        Assert.Equal(0.04741072, probabilities[2], FloatAgreement);
    }

    [Theory]
    [InlineData(0, 0.04890685)]
    [InlineData(2, 3.04890685)]
    public void CrossEntropyOfTheLectureLogits(int trueClass, double expectedLoss)
    {
        SoftmaxExample net = IdentitySoftmax();
        var target = new float[3];
        target[trueClass] = 1;
        float loss = net.AccumulateGradients(new[] { 6f, -2f, 3f }, target);
        // Log-sum-exp of logits up to 6 in float: about 1 ulp of 6 (5e-7) in the result.
        Assert.Equal(expectedLoss, loss, 2e-6);
    }

    [Fact]
    public void LectureParameterCounts()
    {
        Assert.Equal(39760, Mnist50.ParameterCount);
        Assert.Equal(12289, LogisticRegression.ParameterCount);
        Assert.Equal(39760, new Mnist50().Parameters.Length);
        Assert.Equal(12289, ((INetwork)new LogisticRegression()).ParameterCount);
    }

    private static SoftmaxExample IdentitySoftmax()
    {
        var net = new SoftmaxExample();
        net.Parameters.Clear();
        for (int i = 0; i < 3; i++) net.Parameters[i * 3 + i] = 1;
        return net;
    }
}
