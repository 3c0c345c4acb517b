using System;
using NetGen.TestNetworks;
using Xunit;

namespace NetGen.Tests.GeneratedCode;

/// <summary>Every span argument is checked, and the message names the expected and actual lengths.</summary>
public class ArgumentCheckTests
{
    private readonly Tiny _net = new();

    [Fact]
    public void ForwardRejectsWrongInputAndOutputLengths()
    {
        var e = Assert.Throws<ArgumentException>(() => _net.Forward(new float[5], new float[1]));
        Assert.Equal("input", e.ParamName);
        Assert.StartsWith("input has 5 elements; Tiny expects InputSize = 3.", e.Message);
        e = Assert.Throws<ArgumentException>(() => _net.Forward(new float[3], new float[2]));
        Assert.StartsWith("output has 2 elements; Tiny expects OutputSize = 1.", e.Message);
        Assert.Throws<ArgumentException>(() => _net.Classify(new float[2]));
    }

    [Fact]
    public void TrainingRejectsWrongLengths()
    {
        var e = Assert.Throws<ArgumentException>(() => _net.AccumulateGradients(new float[3], new float[2]));
        Assert.StartsWith("target has 2 elements; Tiny expects OutputSize = 1.", e.Message);
        e = Assert.Throws<ArgumentException>(() => _net.AccumulateGradients(new float[3], new float[1], new float[15]));
        Assert.StartsWith("gradients has 15 elements; Tiny expects ParameterCount = 16.", e.Message);
        Assert.Throws<ArgumentException>(() => _net.AccumulateGradients(new float[4], new float[1]));
    }

    [Fact]
    public void BatchesRejectNegativeCountsAndShortSpans()
    {
        var e = Assert.Throws<ArgumentException>(() => _net.ForwardBatch(new float[9], new float[3], -1));
        Assert.Equal("count", e.ParamName);
        Assert.Contains("-1", e.Message);
        e = Assert.Throws<ArgumentException>(() => _net.ForwardBatch(new float[10], new float[4], 4));
        Assert.StartsWith("inputs has 10 elements; Tiny needs count * InputSize = 4 * 3 = 12.", e.Message);
        e = Assert.Throws<ArgumentException>(() => _net.ForwardBatch(new float[12], new float[3], 4));
        Assert.StartsWith("outputs has 3 elements; Tiny needs count * OutputSize = 4 * 1 = 4.", e.Message);
        e = Assert.Throws<ArgumentException>(() => _net.AccumulateGradientsBatch(new float[12], new float[3], 4));
        Assert.Equal("targets", e.ParamName);
        Assert.Throws<ArgumentException>(() => _net.AccumulateGradientsBatch(new float[12], new float[4], -2));
        Assert.Throws<ArgumentException>(() => _net.AccumulateGradientsBatch(new float[12], new float[4], 4, new float[3], 0));
        // A count whose row total overflows int must not wrap around and pass.
        Assert.Throws<ArgumentException>(() => _net.ForwardBatch(new float[12], new float[4], int.MaxValue));
    }

    [Fact]
    public void ClassifyTakesTheFirstOfTiedMaxima()
    {
        var net = new SoftmaxExample();
        net.Parameters.Clear();
        // Zero weights and biases 1, 3, 3: outputs 2 and 3 tie for the largest.
        net.Parameters[10] = 3;
        net.Parameters[11] = 3;
        Assert.Equal(1, net.Classify(new float[] { 0.5f, -1f, 2f }));
        net.Parameters.Clear();
        Assert.Equal(0, net.Classify(new float[3]));
    }
}
