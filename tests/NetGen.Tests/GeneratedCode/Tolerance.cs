using System;
using System.Linq;

namespace NetGen.Tests.GeneratedCode;

/// <summary>
/// How far float results of a generated network may be from the double-precision reference, derived from the
/// standard bound for floating-point sums rather than tuned until tests pass.
/// </summary>
/// <remarks>
/// A float sum of <c>n</c> products is within <c>gamma_n = n * eps</c> (relative) of the exact sum of absolute terms
/// (Higham, Accuracy and Stability of Numerical Algorithms, 3.1). With the test parameters (weights of variance
/// 1/fan-in, inputs in [-1, 1]) the sum of absolute terms of a pre-activation is at most about 4 times (1 + |result|)
/// — the factor <see cref="TermsFactor"/>. Every layer adds its own rounding and passes the earlier layers' error on
/// through activations whose slopes are at most about 1.05 (Selu), so errors add up over layers: the bound is
/// <c>layers * (maxFanIn + 1) * eps * 4 * (1 + |expected|)</c>. The activation functions (MathF, about 1 ulp) are far
/// inside it. Backpropagation runs the same sums once more in the other direction, so gradients get twice the bound.
/// </remarks>
public static class Tolerance
{
    private const double FloatEpsilon = 1.1920928955078125e-7; // 2^-23
    private const double TermsFactor = 4;

    public static double Forward(NetworkArchitecture architecture, double expected)
    {
        int maxFanIn = architecture.Layers.Max(l => l.Inputs);
        return architecture.Layers.Count * (maxFanIn + 1) * FloatEpsilon * TermsFactor * (1 + Math.Abs(expected));
    }

    /// <summary>For a gradient vector whose largest reference element is <paramref name="largest"/>.</summary>
    public static double Gradient(NetworkArchitecture architecture, double largest) => 2 * Forward(architecture, largest);
}
