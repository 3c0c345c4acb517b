using System;
using System.Linq;
using Xunit;

namespace NetGen.Tests.Optimizers;

public class OptimizerTests
{
    // Non-default hyperparameters throughout; the same values are in pytorch_optimizer_steps.py.
    public static TheoryData<string> Configurations => new() { "SgdPlain", "SgdMomentum", "SgdNesterov", "RmsProp", "Adam", "AdamW" };

    private static Optimizer Create(string name) => name switch
    {
        "SgdPlain" => new Sgd(0.05f),
        "SgdMomentum" => new Sgd(0.03f, momentum: 0.8f),
        "SgdNesterov" => new Sgd(0.03f, momentum: 0.8f, nesterov: true),
        "RmsProp" => new RmsProp(0.01f, rho: 0.8f, epsilon: 1e-5f),
        "Adam" => new Adam(0.02f, beta1: 0.85f, beta2: 0.99f, epsilon: 1e-6f),
        "AdamW" => new AdamW(0.02f, beta1: 0.85f, beta2: 0.99f, epsilon: 1e-6f, weightDecay: 0.1f),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static PublishedUpdateRule Reference(string name) => name switch
    {
        "SgdPlain" => new PublishedUpdateRule.Sgd(0.05f, 0, false),
        "SgdMomentum" => new PublishedUpdateRule.Sgd(0.03f, 0.8f, false),
        "SgdNesterov" => new PublishedUpdateRule.Sgd(0.03f, 0.8f, true),
        "RmsProp" => new PublishedUpdateRule.RmsProp(0.01f, 0.8f, 1e-5f),
        "Adam" => new PublishedUpdateRule.Adam(0.02f, 0.85f, 0.99f, 1e-6f, 0),
        "AdamW" => new PublishedUpdateRule.Adam(0.02f, 0.85f, 0.99f, 1e-6f, 0.1f),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static float[][] PyTorchTrajectory(string name) =>
        (float[][])typeof(PyTorchOptimizerSteps).GetField(name)!.GetValue(null)!;

    // Each step rounds about five float operations per element (relative error 2^-24 ~ 6e-8 each); over six steps that
    // is at most ~2e-6 relative to the parameter's magnitude. A wrong rule (a missing bias correction, epsilon inside the
    // root, a damped momentum) moves parameters by 1e-4 or more here, far outside this band.
    private const double Tolerance = 2e-6;

    [Theory]
    [MemberData(nameof(Configurations))]
    public void StepsMatchThePublishedRuleInDoublePrecision(string name)
    {
        Optimizer optimizer = Create(name);
        PublishedUpdateRule reference = Reference(name);
        float[] p = (float[])PyTorchOptimizerSteps.Initial.Clone();
        double[] expected = p.Select(x => (double)x).ToArray();
        for (int t = 0; t < PyTorchOptimizerSteps.Gradients.Length; t++)
        {
            float[] g = PyTorchOptimizerSteps.Gradients[t];
            optimizer.Step(p, g);
            reference.Step(expected, g.Select(x => (double)x).ToArray());
            AssertClose(expected, p, $"{name} step {t + 1}");
        }

        Assert.Equal(PyTorchOptimizerSteps.Gradients.Length, optimizer.StepCount);
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void StepsMatchPyTorch(string name)
    {
        Optimizer optimizer = Create(name);
        float[][] torch = PyTorchTrajectory(name);
        float[] p = (float[])PyTorchOptimizerSteps.Initial.Clone();
        for (int t = 0; t < torch.Length; t++)
        {
            optimizer.Step(p, PyTorchOptimizerSteps.Gradients[t]);
            AssertClose(torch[t].Select(x => (double)x).ToArray(), p, $"{name} step {t + 1} vs torch");
        }
    }

    [Fact]
    public void NesterovDiffersFromPlainMomentum()
    {
        // Guards the Nesterov test above against both configurations silently running the same rule.
        Assert.NotEqual(PyTorchOptimizerSteps.SgdMomentum[2], PyTorchOptimizerSteps.SgdNesterov[2]);
        float[] a = (float[])PyTorchOptimizerSteps.Initial.Clone(), b = (float[])a.Clone();
        var plain = new Sgd(0.03f, 0.8f);
        var nesterov = new Sgd(0.03f, 0.8f, nesterov: true);
        foreach (float[] g in PyTorchOptimizerSteps.Gradients)
        {
            plain.Step(a, g);
            nesterov.Step(b, g);
        }

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void SgdMomentumReproducesTheLecturesDampedMomentum()
    {
        // Lecture: v = beta v + (1 - beta) g; w -= alpha v. The Sgd docs claim lr = alpha (1 - beta) gives the same steps.
        const double alpha = 0.2, beta = 0.75;
        var sgd = new Sgd((float)(alpha * (1 - beta)), (float)beta);
        float[] p = (float[])PyTorchOptimizerSteps.Initial.Clone();
        double[] w = p.Select(x => (double)x).ToArray(), v = new double[w.Length];
        foreach (float[] g in PyTorchOptimizerSteps.Gradients)
        {
            sgd.Step(p, g);
            for (int i = 0; i < w.Length; i++)
            {
                v[i] = beta * v[i] + (1 - beta) * g[i];
                w[i] -= alpha * v[i];
            }
        }

        AssertClose(w, p, "lecture momentum");
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void ResetForgetsStateAndAllowsAnotherLength(string name)
    {
        Optimizer optimizer = Create(name);
        float[] p = (float[])PyTorchOptimizerSteps.Initial.Clone();
        optimizer.Step(p, PyTorchOptimizerSteps.Gradients[0]);
        optimizer.Step(p, PyTorchOptimizerSteps.Gradients[1]);
        Assert.Equal(PyTorchOptimizerSteps.Initial.Length, optimizer.ParameterCount);

        var ex = Assert.Throws<ArgumentException>(() => optimizer.Step(new float[5], new float[5]));
        Assert.Contains("19", ex.Message);
        Assert.Contains("5", ex.Message);

        optimizer.Reset();
        Assert.Equal(0, optimizer.StepCount);
        Assert.Null(optimizer.ParameterCount);
        optimizer.Step(new float[5], new float[5]);

        // After a reset the trajectory is that of a fresh optimizer.
        optimizer.Reset();
        p = (float[])PyTorchOptimizerSteps.Initial.Clone();
        optimizer.Step(p, PyTorchOptimizerSteps.Gradients[0]);
        float[] fresh = (float[])PyTorchOptimizerSteps.Initial.Clone();
        Create(name).Step(fresh, PyTorchOptimizerSteps.Gradients[0]);
        Assert.Equal(fresh, p);
    }

    [Fact]
    public void MismatchedLengthsThrowNamingBoth()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Adam().Step(new float[7], new float[6]));
        Assert.Contains("7", ex.Message);
        Assert.Contains("6", ex.Message);
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void TryStepRefusesAnOverflowingStepAndChangesNothing(string name)
    {
        Optimizer optimizer = Create(name);
        float[] p = (float[])PyTorchOptimizerSteps.Initial.Clone();
        optimizer.Step(p, PyTorchOptimizerSteps.Gradients[0]);
        float[] before = (float[])p.Clone();
        float[][] stateBefore = optimizer.CopyState();

        // 3e38 is finite, but its square overflows the second moments, and its product with any rate near 1 the parameters.
        float[] g = (float[])PyTorchOptimizerSteps.Gradients[1].Clone();
        g[17] = 3e38f;
        optimizer.LearningRate = 1e30f;
        Assert.False(optimizer.TryStep(p, g));
        Assert.Equal(before, p);
        Assert.Equal(1, optimizer.StepCount);
        Assert.Equal(stateBefore, optimizer.CopyState());

        optimizer.LearningRate = 0.01f;
        Assert.True(optimizer.TryStep(p, PyTorchOptimizerSteps.Gradients[1]));
        Assert.Equal(2, optimizer.StepCount);
    }

    [Fact]
    public void TryStepRejectsNaNInTheVectorBodyAndTheTail()
    {
        foreach (int index in new[] { 0, 18 })
        {
            var optimizer = new Adam(0.01f);
            float[] p = (float[])PyTorchOptimizerSteps.Initial.Clone();
            float[] g = (float[])PyTorchOptimizerSteps.Gradients[0].Clone();
            g[index] = float.NaN;
            Assert.False(optimizer.TryStep(p, g));
            Assert.Equal(PyTorchOptimizerSteps.Initial, p);
            Assert.Equal(0, optimizer.StepCount);
        }
    }

    [Fact]
    public void StepsAllocateNothing()
    {
        var optimizers = new Optimizer[] { new Sgd(0.1f), new Sgd(0.1f, 0.9f, true), new RmsProp(), new Adam(), new AdamW() };
        float[] p = new float[1003], g = Enumerable.Range(0, 1003).Select(i => (float)Math.Sin(i)).ToArray();
        foreach (Optimizer o in optimizers)
        {
            o.Step(p, g);
            o.TryStep(p, g);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
            foreach (Optimizer o in optimizers)
            {
                o.Step(p, g);
                o.TryStep(p, g);
            }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    public static TheoryData<string, Func<Optimizer>, string> BadHyperparameters => new()
    {
        { "learningRate", () => new Sgd(float.NaN), "NaN" },
        { "learningRate", () => new Sgd(0f), "0" },
        { "learningRate", () => new Adam(-0.5f), "-0.5" },
        { "learningRate", () => new RmsProp(float.PositiveInfinity), "Infinity" },
        { "momentum", () => new Sgd(0.1f, 1f), "1" },
        { "momentum", () => new Sgd(0.1f, -0.2f), "-0.2" },
        { "nesterov", () => new Sgd(0.1f, 0f, nesterov: true), "0" },
        { "rho", () => new RmsProp(0.01f, 1.5f), "1.5" },
        { "epsilon", () => new RmsProp(0.01f, 0.9f, 0f), "0" },
        { "beta1", () => new Adam(0.01f, 1f), "1" },
        { "beta2", () => new Adam(0.01f, 0.9f, float.NaN), "NaN" },
        { "epsilon", () => new Adam(0.01f, 0.9f, 0.999f, -1e-8f), "-1E-08" },
        { "weightDecay", () => new AdamW(weightDecay: -0.01f), "-0.01" },
        { "beta1", () => new AdamW(beta1: -0.1f), "-0.1" },
    };

    [Theory]
    [MemberData(nameof(BadHyperparameters))]
    public void BadHyperparametersThrowNamingTheValue(string parameter, Func<Optimizer> create, string value)
    {
        var ex = Assert.Throws<ArgumentException>(create);
        Assert.Equal(parameter, ex.ParamName);
        Assert.Contains($"it is {value}", ex.Message);
    }

    [Fact]
    public void LearningRateSetterValidates()
    {
        var adam = new Adam();
        var ex = Assert.Throws<ArgumentException>(() => adam.LearningRate = float.NaN);
        Assert.Contains("NaN", ex.Message);
        Assert.Throws<ArgumentException>(() => adam.LearningRate = 0);
        Assert.Equal(0.001f, adam.LearningRate);
    }

    private static void AssertClose(double[] expected, float[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(expected[i] - actual[i]);
            Assert.True(error <= Tolerance * Math.Max(1, Math.Abs(expected[i])), $"{what}, element {i}: expected {expected[i]:R}, got {actual[i]:R} (error {error:E2})");
        }
    }
}
