using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.TestNetworks;
using NetGen.Tests.GeneratedCode;
using Xunit;

namespace NetGen.Tests.Dynamic;

/// <summary>
/// A <see cref="DynamicNetwork"/> built from a generated class's <c>Architecture</c> computes what that class computes:
/// every catalog network (every activation as hidden and output layer, each loss, dropout, wide and short layers).
/// </summary>
public class DynamicEquivalenceTests
{
    /// <summary>The catalog plus the networks with explicit Init schemes, which the catalog leaves out.</summary>
    public static TheoryData<string> Names
    {
        get
        {
            TheoryData<string> names = NetworkCatalog.AllNames;
            names.Add("InitKinds");
            return names;
        }
    }

    private static INetwork Generated(string name, int seed) => name == "InitKinds" ? new InitKinds(seed) : NetworkCatalog.Create(name, seed);

    [Theory]
    [MemberData(nameof(Names))]
    public void InitialParametersAreBitIdentical(string name)
    {
        foreach (int seed in new[] { 0, 7, -3 })
        {
            INetwork generated = Generated(name, seed);
            var dynamic = new DynamicNetwork(generated.Architecture, seed);
            Assert.Equal(generated.Architecture, dynamic.Architecture);
            Assert.Equal(generated.ParameterCount, dynamic.ParameterCount);
            Assert.Equal(generated.LayerCount, dynamic.LayerCount);
            Assert.True(generated.Parameters.SequenceEqual(dynamic.Parameters), $"{name} seed {seed}: initial parameters differ");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void SummaryIsTheGeneratedTable(string name)
    {
        INetwork generated = Generated(name, 0);
        string expected = generated.Summary();
        string body = expected.Substring(expected.IndexOf('\n'));
        Assert.Equal("Model: \"DynamicNetwork\"" + body, new DynamicNetwork(generated.Architecture).Summary());
    }

    /// <summary>
    /// Each network's float outputs are within <see cref="Tolerance.Forward"/> of the exact ones (the reference tests hold
    /// the generated code to it, and the dynamic kernels are the same sums in another order), so the two are within
    /// twice that of each other. Counts cross the 64-example block.
    /// </summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void ForwardAgreesWithinFloatRounding(string name)
    {
        (INetwork generated, DynamicNetwork dynamic) = RandomizedPair(name, seed: 11);
        var random = new Random(5);
        foreach (int count in new[] { 1, 2, 63, 64, 65, 131 })
        {
            float[] inputs = NetworkCatalog.RandomInput(count * generated.InputSize, random);
            var expected = new float[count * generated.OutputSize];
            var actual = new float[count * generated.OutputSize];
            generated.ForwardBatch(inputs, expected, count);
            dynamic.ForwardBatch(inputs, actual, count);
            AssertClose(generated.Architecture, expected, actual, $"{name} ForwardBatch({count})");
        }

        var output = new float[generated.OutputSize];
        var dynamicOutput = new float[generated.OutputSize];
        for (int example = 0; example < 8; example++)
        {
            float[] x = NetworkCatalog.RandomInput(generated.InputSize, random);
            generated.Forward(x, output);
            dynamic.Forward(x, dynamicOutput);
            AssertClose(generated.Architecture, output, dynamicOutput, $"{name} Forward example {example}");
            int best = 0;
            for (int k = 1; k < dynamicOutput.Length; k++) if (dynamicOutput[k] > dynamicOutput[best]) best = k;
            Assert.Equal(best, dynamic.Classify(x));
        }
    }

    /// <summary>
    /// Gradients and losses with dropout active, from the same explicit streams: the masks are the same pure function of
    /// (seed, stream, layer, unit), so only rounding separates the two. Each example's gradient is within
    /// <see cref="Tolerance.Gradient"/> of the exact one by either network, so the summed gradients are within the sum
    /// of twice those bounds (as AccumulationTests argues for the generated batched pass).
    /// </summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void GradientsAgreeWithinFloatRounding(string name)
    {
        foreach (int count in new[] { 1, 5, 70 })
        {
            (INetwork generated, DynamicNetwork dynamic) = RandomizedPair(name, seed: 12);
            var random = new Random(count);
            float[] inputs = NetworkCatalog.RandomInput(count * generated.InputSize, random);
            var targets = new float[count * generated.OutputSize];
            for (int j = 0; j < count; j++) NetworkCatalog.RandomTarget(generated.Architecture, random).CopyTo(targets, j * generated.OutputSize);

            var tolerance = new double[generated.ParameterCount];
            var single = new float[generated.ParameterCount];
            double lossTolerance = 0;
            for (int j = 0; j < count; j++)
            {
                Array.Clear(single);
                float loss = generated.AccumulateGradientsBatch(inputs.AsSpan(j * generated.InputSize, generated.InputSize),
                    targets.AsSpan(j * generated.OutputSize, generated.OutputSize), 1, single, dropoutStream: 40 + (ulong)j);
                lossTolerance += 2 * Tolerance.Forward(generated.Architecture, loss);
                for (int i = 0; i < single.Length; i++) tolerance[i] += 2 * Tolerance.Gradient(generated.Architecture, single[i]);
            }

            var expected = new float[generated.ParameterCount];
            var actual = new float[generated.ParameterCount];
            float expectedLoss = generated.AccumulateGradientsBatch(inputs, targets, count, expected, dropoutStream: 40);
            float actualLoss = dynamic.AccumulateGradientsBatch(inputs, targets, count, actual, dropoutStream: 40);
            Assert.Equal(expectedLoss, actualLoss, lossTolerance);
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance[i],
                    $"{name} count {count} parameter {i}: generated {expected[i]}, dynamic {actual[i]}, tolerance {tolerance[i]:E2}");
        }
    }

    [Fact]
    public void OverloadsWithoutStreamsHandOutStreamsLikeTheGeneratedClass()
    {
        INetwork generated = new DropoutClassifier(3);
        var dynamic = new DynamicNetwork(generated.Architecture, 3);
        var random = new Random(9);
        float[] inputs = NetworkCatalog.RandomInput(4 * generated.InputSize, random);
        var targets = new float[4 * generated.OutputSize];
        for (int j = 0; j < 4; j++) targets[j * generated.OutputSize + j] = 1;

        // One example, then a batch of three: streams 0, then 1 to 3, on both.
        float dynamicLoss = dynamic.AccumulateGradients(inputs.AsSpan(0, 13), targets.AsSpan(0, 5))
            + dynamic.AccumulateGradientsBatch(inputs.AsSpan(13), targets.AsSpan(5), 3);
        var expected = new float[dynamic.ParameterCount];
        float expectedLoss = dynamic.AccumulateGradientsBatch(inputs, targets, 4, expected, dropoutStream: 0);
        Assert.Equal(expectedLoss, dynamicLoss, 1e-4);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], dynamic.Gradients[i], 1e-5f);

        dynamic.ZeroGradients();
        Assert.All(dynamic.Gradients.ToArray(), g => Assert.Equal(0f, g));
    }

    [Fact]
    public void ArgumentsAreCheckedLikeTheGeneratedClass()
    {
        var net = new DynamicNetwork(Tiny.Architecture);
        var e = Assert.Throws<ArgumentException>(() => net.Forward(new float[net.InputSize + 1], new float[net.OutputSize]));
        Assert.Contains("DynamicNetwork expects InputSize", e.Message);
        Assert.Throws<ArgumentException>(() => net.Forward(new float[net.InputSize], new float[net.OutputSize + 1]));
        Assert.Throws<ArgumentException>(() => net.ForwardBatch(new float[net.InputSize], new float[net.OutputSize], -1));
        Assert.Throws<ArgumentException>(() => net.ForwardBatch(new float[net.InputSize], new float[2 * net.OutputSize], 2));
        Assert.Throws<ArgumentException>(() => net.AccumulateGradients(new float[net.InputSize], new float[net.OutputSize], new float[1]));
        Assert.Throws<ArgumentException>(() => net.AccumulateGradientsBatch(new float[net.InputSize], new float[2 * net.OutputSize], 2, net.Gradients, 0));
    }

    [Fact]
    public void PassesAllocateNothingAfterTheFirstCall()
    {
        var net = new DynamicNetwork(Mnist50.Architecture, 1);
        var random = new Random(2);
        float[] inputs = NetworkCatalog.RandomInput(100 * net.InputSize, random);
        var targets = new float[100 * net.OutputSize];
        var outputs = new float[100 * net.OutputSize];
        for (int j = 0; j < 100; j++) targets[j * net.OutputSize + j % net.OutputSize] = 1;
        void Run()
        {
            net.Forward(inputs.AsSpan(0, net.InputSize), outputs.AsSpan(0, net.OutputSize));
            net.Classify(inputs.AsSpan(0, net.InputSize));
            net.ForwardBatch(inputs, outputs, 100);
            net.AccumulateGradients(inputs.AsSpan(0, net.InputSize), targets.AsSpan(0, net.OutputSize));
            net.AccumulateGradientsBatch(inputs, targets, 100);
        }

        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static (INetwork Generated, DynamicNetwork Dynamic) RandomizedPair(string name, int seed)
    {
        INetwork generated = Generated(name, seed: 4);
        NetworkCatalog.Randomize(generated, seed);
        var dynamic = new DynamicNetwork(generated.Architecture, seed: 4);
        generated.Parameters.CopyTo(dynamic.Parameters);
        return (generated, dynamic);
    }

    private static void AssertClose(NetworkArchitecture architecture, IReadOnlyList<float> expected, IReadOnlyList<float> actual, string what)
    {
        for (int i = 0; i < expected.Count; i++)
        {
            double tolerance = 2 * Tolerance.Forward(architecture, expected[i]);
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what} value {i}: generated {expected[i]}, dynamic {actual[i]} (tolerance {tolerance:E2})");
        }
    }
}
