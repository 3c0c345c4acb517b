using System;
using Xunit;

namespace NetGen.Tests.Reference;

/// <summary>The reference is only useful if it is right: check it against the lecture's worked example and against finite differences.</summary>
public class ReferenceNetworkTests
{
    [Fact]
    public void LectureForwardExample()
    {
        var arch = new NetworkArchitecture(3, Loss.BinaryCrossEntropy,
            new LayerInfo(3, 3, Activation.Sigmoid, 0, 0, 0),
            new LayerInfo(3, 1, Activation.Sigmoid, 0, 0, 12));
        float[] p = { 1.2f, 0.9f, 0.3f, 0.2f, 0.3f, 0.1f, 1.3f, 1.9f, 0.1f, 0.1f, 0.1f, 0.1f, 0.2f, 0.6f, 0.2f, 0.1f };
        var net = new ReferenceNetwork(arch, p);
        double[] y = net.Forward(new double[] { 0.2, 0.5, -0.9 });
        // Parameters are rounded to float, so agreement is to about float precision, not the 8 printed digits.
        Assert.Equal(0.67034429, y[0], 6);
    }

    [Theory]
    [InlineData(Activation.Sigmoid, Loss.BinaryCrossEntropy)]
    [InlineData(Activation.Softmax, Loss.CategoricalCrossEntropy)]
    [InlineData(Activation.Identity, Loss.MeanSquaredError)]
    [InlineData(Activation.Softmax, Loss.MeanSquaredError)]
    public void BackwardMatchesCentralDifferences(Activation output, Loss loss)
    {
        Activation[] hidden = { Activation.Tanh, Activation.Elu, Activation.Selu, Activation.LeakyRelu, Activation.Relu, Activation.Sigmoid, Activation.Identity };
        var rng = new Random(7);
        foreach (Activation h in hidden)
        {
            var arch = new NetworkArchitecture(5, loss,
                new LayerInfo(5, 4, h, h == Activation.Elu ? 0.7f : h == Activation.LeakyRelu ? 0.05f : 0f, 0, 0),
                new LayerInfo(4, 3, output, 0, 0, 24));
            var p = new float[arch.ParameterCount];
            for (int i = 0; i < p.Length; i++) p[i] = (float)(rng.NextDouble() * 2 - 1);
            var net = new ReferenceNetwork(arch, p);
            double[] x = { 0.3, -0.7, 1.1, 0.05, -0.4 };
            double[] t = output == Activation.Softmax ? new[] { 0.0, 1.0, 0.0 } : new[] { 0.2, 0.9, 0.4 };
            var g = new double[p.Length];
            net.Backward(x, t, g);
            const double h0 = 1e-6;
            for (int i = 0; i < p.Length; i++)
            {
                double saved = net.Parameters[i];
                net.Parameters[i] = saved + h0; double up = net.LossAt(x, t);
                net.Parameters[i] = saved - h0; double down = net.LossAt(x, t);
                net.Parameters[i] = saved;
                // Central differences in double have error O(h^2 f''') + O(eps f / h) ~ 1e-10; Relu's kink is avoided by random inputs.
                Assert.True(Math.Abs((up - down) / (2 * h0) - g[i]) < 1e-6 * Math.Max(1, Math.Abs(g[i])), $"{h}/{output}/{loss} parameter {i}: fd {(up - down) / (2 * h0)} vs {g[i]}");
            }
        }
    }
}
