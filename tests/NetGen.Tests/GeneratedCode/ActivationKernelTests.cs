using System;
using NetGen.GeneratedCode;
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
}
