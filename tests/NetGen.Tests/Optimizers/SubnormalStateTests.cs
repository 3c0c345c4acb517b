using System;
using Xunit;

namespace NetGen.Tests.Optimizers;

/// <summary>
/// The optimizers flush subnormal state to zero (see Lanes.FlushSubnormal and ElementwiseUpdate: Intel cores take a microcode assist
/// per subnormal operation). These tests decay the state into the subnormal range with exactly-zero gradients, as a
/// border pixel's weights see, and check that (1) no subnormal value is left in the state, and (2) the parameters are
/// bit-identical to the same rule in float without flushing, written out here one element at a time in the runtime's
/// operation order.
/// </summary>
public class SubnormalStateTests
{
    // 37 elements: a vector body at every width plus a tail. Steps: one real gradient, then enough zero gradients for
    // 0.8^t (the slowest decay below) to take 1e-2 under 2^-126 (t > 87 / -log10(0.8) ~ 390) and on to exact zero.
    private const int Length = 37, ZeroSteps = 900;

    [Fact]
    public void AdamFlushesSubnormalMomentsAndMovesParametersExactlyAsWithout()
    {
        const float lr = 0.01f, beta1 = 0.8f, beta2 = 0.9f, eps = 1e-8f;
        var optimizer = new Adam(lr, beta1, beta2, eps);
        float[] p = Initial(), expected = Initial();
        float[] m = new float[Length], v = new float[Length];
        for (int t = 1; t <= ZeroSteps + 1; t++)
        {
            float[] g = Gradient(t);
            optimizer.Step(p, g);
            double correction1 = 1 - Math.Pow(beta1, t), correction2 = 1 - Math.Pow(beta2, t);
            float stepSize = (float)(lr / correction1), root = (float)Math.Sqrt(correction2);
            for (int i = 0; i < Length; i++)
            {
                m[i] = m[i] * beta1 + (1f - beta1) * g[i];
                v[i] = v[i] * beta2 + (1f - beta2) * g[i] * g[i];
                expected[i] = expected[i] * 1f - stepSize * m[i] / (MathF.Sqrt(v[i]) / root + eps);
            }
        }

        Assert.Contains(m, IsSubnormal);   // the unflushed rule does reach the subnormal range
        AssertNoSubnormal(optimizer);
        Assert.Equal(expected, p);
    }

    [Fact]
    public void RmsPropFlushesASubnormalAverageAndMovesParametersExactlyAsWithout()
    {
        const float lr = 0.01f, rho = 0.8f, eps = 1e-8f;
        var optimizer = new RmsProp(lr, rho, eps);
        float[] p = Initial(), expected = Initial(), v = new float[Length];
        for (int t = 1; t <= ZeroSteps + 1; t++)
        {
            float[] g = Gradient(t);
            optimizer.Step(p, g);
            for (int i = 0; i < Length; i++)
            {
                v[i] = v[i] * rho + (1f - rho) * g[i] * g[i];
                expected[i] = expected[i] - lr * g[i] / (MathF.Sqrt(v[i]) + eps);
            }
        }

        AssertNoSubnormal(optimizer);
        Assert.Equal(expected, p);
    }

    [Fact]
    public void MomentumFlushesASubnormalVelocityAndMovesParametersExactlyAsWithout()
    {
        const float lr = 0.01f, momentum = 0.8f;
        var optimizer = new Sgd(lr, momentum);
        float[] p = Initial(), expected = Initial(), b = new float[Length];
        for (int t = 1; t <= ZeroSteps + 1; t++)
        {
            float[] g = Gradient(t);
            optimizer.Step(p, g);
            for (int i = 0; i < Length; i++)
            {
                b[i] = momentum * b[i] + g[i];
                expected[i] = expected[i] - lr * b[i];
            }
        }

        Assert.Contains(b, IsSubnormal);
        AssertNoSubnormal(optimizer);
        Assert.Equal(expected, p);
    }

    [Fact]
    public void FlushingKeepsEveryNormalValue()
    {
        // The smallest normal float and its negative survive; the largest subnormal and 0 become 0.
        var optimizer = new Sgd(1f, momentum: 0.5f);
        float smallestNormal = 1.17549435e-38f, largestSubnormal = BitConverter.Int32BitsToSingle(0x007FFFFF);
        float[] p = new float[4], g = { smallestNormal, -smallestNormal, largestSubnormal, 0f };
        optimizer.Step(p, g);
        Assert.Equal(new[] { smallestNormal, -smallestNormal, 0f, 0f }, optimizer.CopyState()[0]);
    }

    private static float[] Initial()
    {
        var p = new float[Length];
        for (int i = 0; i < Length; i++) p[i] = 0.05f + 0.01f * i;
        return p;
    }

    // Step 1 a gradient of about 1e-2; every later step exactly zero, as for an input that is zero in every example.
    private static float[] Gradient(int step)
    {
        var g = new float[Length];
        if (step == 1)
            for (int i = 0; i < Length; i++) g[i] = 0.01f * (i % 5 - 2) + 0.001f;
        return g;
    }

    private static bool IsSubnormal(float x) => x != 0 && Math.Abs(x) < 1.17549435e-38f;

    private static void AssertNoSubnormal(Optimizer optimizer)
    {
        foreach (float[] state in optimizer.CopyState())
            Assert.DoesNotContain(state, IsSubnormal);
    }
}
