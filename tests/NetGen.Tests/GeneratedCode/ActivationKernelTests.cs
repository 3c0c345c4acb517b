using System;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.GeneratedCode;

public class ActivationKernelTests
{
    [Fact]
    public void TanhIsWithinAFewFloatUlpsOfMathTanh()
    {
        // 200,001 points over [-10, 10]; 37 elements per call so both the vector body and the scalar tail run.
        var values = new float[200_001];
        for (int i = 0; i < values.Length; i++) values[i] = -10f + 20f * i / (values.Length - 1);
        var results = (float[])values.Clone();
        for (int start = 0; start < results.Length; start += 37)
            ActivationKernels.Tanh(results.AsSpan(start, Math.Min(37, results.Length - start)));
        for (int i = 0; i < values.Length; i++)
        {
            double exact = Math.Tanh(values[i]);
            // 4 ulps of the result (2^-23 relative each): the published approximation's few-ulp accuracy plus the
            // rounding of its dozen float operations.
            double tolerance = 4 * Math.Pow(2, -23) * Math.Abs(exact);
            Assert.True(Math.Abs(results[i] - exact) <= tolerance,
                $"tanh({values[i]}) = {results[i]}, exact {exact}");
            Assert.Equal(ActivationKernels.Tanh(values[i]), results[i]);
        }
    }

    /// <summary>Every fourth float in [-87.33, 88] near the ends and a dense grid between, against double-precision exp.</summary>
    [Fact]
    public void ExpIsWithinItsDocumentedUlpsOfTheExactExponential()
    {
        var values = new float[4_000_037];
        for (int i = 0; i < values.Length; i++) values[i] = -87.33f + (88f + 87.33f) * i / (values.Length - 1);
        var results = (float[])values.Clone();
        for (int start = 0; start < results.Length; start += 37)
            ActivationKernels.Exp(results.AsSpan(start, Math.Min(37, results.Length - start)));
        double worst = 0;
        for (int i = 0; i < values.Length; i++)
        {
            double exact = Math.Exp(values[i]);
            double ulp = Math.Pow(2, Math.Floor(Math.Log2(exact)) - 23);
            worst = Math.Max(worst, Math.Abs(results[i] - exact) / ulp);
            Assert.Equal(ActivationKernels.Exp(values[i]), results[i]);
        }

        Assert.True(worst <= ActivationKernels.ExpErrorUlps, $"worst error {worst:F3} ulp");
    }

    [Fact]
    public void ExpClampsInsteadOfOverflowingOrGoingDenormal()
    {
        // Clamped to exp(-87.33654) = 2^-126 (1 + 4.5e-6): a normal float (no denormal, no 0), within the kernel's 1 ulp.
        float smallest = ActivationKernels.Exp(-1000f);
        Assert.True(smallest >= Math.Pow(2, -126), $"exp(-1000) = {smallest}");
        Assert.Equal(Math.Exp(-87.33654f), smallest, Math.Pow(2, -126 - 23));
        Assert.True(float.IsFinite(ActivationKernels.Exp(1000f)));
        Assert.Equal(1f, ActivationKernels.Exp(0f));
    }

    /// <summary>The vector body and the scalar tail compute the same expression, so a unit's value does not depend on its position.</summary>
    [Theory]
    [InlineData("Sigmoid")]
    [InlineData("Elu")]
    [InlineData("Selu")]
    [InlineData("LeakyRelu")]
    [InlineData("Softsign")]
    public void VectorAndScalarPathsAgreeAndMatchTheDefinition(string kernel)
    {
        var rng = new NetGenRandom(11);
        var values = new float[1_003];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(40 * rng.NextDouble() - 20);
        var whole = (float[])values.Clone();
        Apply(kernel, whole);
        for (int i = 0; i < values.Length; i++)
        {
            var single = new[] { values[i] };
            Apply(kernel, single);
            Assert.Equal(single[0], whole[i]);
            double z = values[i], exact = kernel switch
            {
                "Sigmoid" => 1 / (1 + Math.Exp(-z)),
                "Elu" => z > 0 ? z : 0.5 * (Math.Exp(z) - 1),
                "Selu" => z > 0 ? Lambda * z : Lambda * Alpha * (Math.Exp(z) - 1),
                "Softsign" => z / (1 + Math.Abs(z)),
                _ => z > 0 ? z : 0.25 * z,
            };
            // Exp's 1 ulp, plus a few float roundings of the formula around it (1 / (1 + e), alpha (e - 1)), relative to
            // the larger of the result and the terms it is made of (at most lambda alpha ~ 1.76 for e - 1).
            double tolerance = 8 * Math.Pow(2, -23) * Math.Max(Math.Abs(exact), 2);
            Assert.True(Math.Abs(whole[i] - exact) <= tolerance, $"{kernel}({z}) = {whole[i]}, exact {exact}");
        }
    }

    private const double Lambda = 1.0507009873554804934, Alpha = 1.6732632423543772848;

    private static void Apply(string kernel, float[] values)
    {
        switch (kernel)
        {
            case "Sigmoid": ActivationKernels.Sigmoid(values); break;
            case "Elu": ActivationKernels.ExponentialLinear(values, 1f, 0.5f); break;
            case "Selu": ActivationKernels.ExponentialLinear(values, (float)Lambda, (float)(Lambda * Alpha)); break;
            case "Softsign": ActivationKernels.Softsign(values); break;
            default: ActivationKernels.Rectify(values, 0.25f); break;
        }
    }

    [Fact]
    public void SoftmaxSumsToOneAndSurvivesHugeLogits()
    {
        var values = new float[] { 1000f, 999f, -1000f, 0f, 3f, 1000f, 2f, 1f, -5f, 7f, 998f };
        var expected = new double[values.Length];
        double max = 1000, sum = 0;
        for (int i = 0; i < values.Length; i++) sum += expected[i] = Math.Exp(values[i] - max);
        ActivationKernels.Softmax(values);
        // Each probability is e^(z - max) (1 ulp) times 1 / sum (a handful of roundings): 8 ulps of the largest, 0.5.
        for (int i = 0; i < values.Length; i++) Assert.Equal(expected[i] / sum, values[i], 8 * Math.Pow(2, -23) * 0.5);
    }

    /// <summary>
    /// A NaN pre-activation stays NaN on every path (vector body of each width, scalar tail), so training's finiteness
    /// check sees it: clamping with the CPU's min/max instructions returns the bound for NaN unless the value is their
    /// second operand. Spans of 1 to 40 elements put the NaN in a 512-, 256- and 128-bit body and in the scalar tail.
    /// </summary>
    [Theory]
    [InlineData("Tanh")]
    [InlineData("Exp")]
    [InlineData("Sigmoid")]
    [InlineData("Elu")]
    [InlineData("Selu")]
    [InlineData("LeakyRelu")]
    [InlineData("Softsign")]
    public void NaNStaysNaNAtEveryPosition(string kernel)
    {
        for (int length = 1; length <= 40; length++)
        {
            for (int at = 0; at < length; at++)
            {
                var values = new float[length];
                for (int i = 0; i < length; i++) values[i] = 0.25f * (i - 7);
                values[at] = float.NaN;
                if (kernel == "Tanh") ActivationKernels.Tanh(values);
                else if (kernel == "Exp") ActivationKernels.Exp(values);
                else Apply(kernel, values);
                for (int i = 0; i < length; i++)
                    Assert.True(float.IsNaN(values[i]) == (i == at), $"{kernel}, length {length}, NaN at {at}: element {i} is {values[i]}");
            }
        }
    }

    /// <summary>
    /// Every span length from 1 to 70 covers each mix of 512-, 256- and 128-bit bodies and scalar tail; each element must
    /// be what the scalar formula gives for it alone, bit for bit.
    /// </summary>
    [Theory]
    [InlineData("Tanh")]
    [InlineData("Exp")]
    [InlineData("Sigmoid")]
    [InlineData("Elu")]
    [InlineData("Softsign")]
    [InlineData("LeakyRelu")]
    public void EveryWidthMixGivesTheScalarResult(string kernel)
    {
        var rng = new NetGenRandom(5);
        for (int length = 1; length <= 70; length++)
        {
            var values = new float[length];
            for (int i = 0; i < length; i++) values[i] = (float)(12 * rng.NextDouble() - 6);
            var whole = (float[])values.Clone();
            Run(kernel, whole);
            for (int i = 0; i < length; i++)
            {
                var single = new[] { values[i] };
                Run(kernel, single);
                Assert.Equal(single[0], whole[i]);
            }
        }
    }

    private static void Run(string kernel, float[] values)
    {
        if (kernel == "Tanh") ActivationKernels.Tanh(values);
        else if (kernel == "Exp") ActivationKernels.Exp(values);
        else Apply(kernel, values);
    }
}
