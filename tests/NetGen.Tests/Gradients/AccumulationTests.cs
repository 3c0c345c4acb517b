using System;
using System.Threading.Tasks;
using NetGen.Tests.GeneratedCode;
using Xunit;

namespace NetGen.Tests.Gradients;

/// <summary>How gradients accumulate: overloads agree, batches are sums of examples, zeroing, and concurrent callers.</summary>
public class AccumulationTests
{
    [Theory]
    [MemberData(nameof(NetworkCatalog.SmallNames), MemberType = typeof(NetworkCatalog))]
    public void OverloadsAgreeAndAccumulate(string name)
    {
        INetwork a = NetworkCatalog.Create(name, seed: 2), b = NetworkCatalog.Create(name, seed: 2);
        var random = new Random(3);
        float[] x = NetworkCatalog.RandomInput(a.InputSize, random);
        float[] y = NetworkCatalog.RandomTarget(a.Architecture, random);

        float lossA = a.AccumulateGradients(x, y);
        var buffer = new float[b.ParameterCount];
        float lossB = b.AccumulateGradients(x, y, buffer);
        // Same network, same stream (each network's first), same code: bit-identical.
        Assert.Equal(lossA, lossB);
        Assert.Equal(buffer, a.Gradients.ToArray());
        Assert.All(b.Gradients.ToArray(), g => Assert.Equal(0f, g));

        // A second call adds rather than overwrites.
        float[] first = a.Gradients.ToArray();
        a.AccumulateGradientsBatch(x, y, 1, a.Gradients, dropoutStream: 0);
        float[] twice = a.Gradients.ToArray();
        for (int i = 0; i < twice.Length; i++) Assert.Equal(first[i] + first[i], twice[i]);

        a.ZeroGradients();
        Assert.All(a.Gradients.ToArray(), g => Assert.Equal(0f, g));
    }

    [Theory]
    [MemberData(nameof(NetworkCatalog.SmallNames), MemberType = typeof(NetworkCatalog))]
    public void BatchIsTheSumOfItsExamples(string name) => AssertBatchIsTheSumOfItsExamples(name, count: 7);

    /// <summary>Several 64-example blocks of the batched pass, the last one partial and odd, through every kernel remainder.</summary>
    [Theory]
    [InlineData("BatchedShapes", 131)]
    [InlineData("BatchedShapes", 2)]
    [InlineData("WideNetwork", 65)]
    [InlineData("Control16", 64)]
    public void LargeBatchesAreTheSumOfTheirExamples(string name, int count) => AssertBatchIsTheSumOfItsExamples(name, count);

    private static void AssertBatchIsTheSumOfItsExamples(string name, int count)
    {
        INetwork net = NetworkCatalog.Create(name, seed: 6);
        var random = new Random(4);
        float[] inputs = NetworkCatalog.RandomInput(count * net.InputSize, random);
        var targets = new float[count * net.OutputSize];
        for (int j = 0; j < count; j++) NetworkCatalog.RandomTarget(net.Architecture, random).CopyTo(targets, j * net.OutputSize);

        var batch = new float[net.ParameterCount];
        float batchLoss = net.AccumulateGradientsBatch(inputs, targets, count, batch, dropoutStream: 100);

        // Each example alone (one example always takes the per-example pass), with the stream the batch gave it.
        var singles = new float[net.ParameterCount];
        var tolerance = new double[net.ParameterCount];
        double lossSum = 0, lossTolerance = 0;
        var single = new float[net.ParameterCount];
        for (int j = 0; j < count; j++)
        {
            Array.Clear(single);
            float loss = net.AccumulateGradientsBatch(inputs.AsSpan(j * net.InputSize, net.InputSize),
                targets.AsSpan(j * net.OutputSize, net.OutputSize), 1, single, dropoutStream: 100 + (ulong)j);
            lossSum += loss;
            lossTolerance += 2 * Tolerance.Forward(net.Architecture, loss);
            for (int i = 0; i < single.Length; i++)
            {
                singles[i] += single[i];
                tolerance[i] += 2 * Tolerance.Gradient(net.Architecture, single[i]);
            }
        }

        // The batched pass (.NET 8+) sums the examples in another order and with other blockings of the dot products,
        // so it is not bit-identical. Each example's gradient, by either path, is within Tolerance.Gradient of the
        // exact one (the gradient checks hold both paths to it); the sums are then within the sum of those bounds,
        // and the two sums within twice that.
        for (int i = 0; i < batch.Length; i++)
            Assert.True(Math.Abs(batch[i] - singles[i]) <= tolerance[i], $"{name} parameter {i}: batch {batch[i]}, singles {singles[i]}, tolerance {tolerance[i]}");
        Assert.Equal(lossSum, batchLoss, lossTolerance);
    }

    [Fact]
    public void BatchOverloadWithoutStreamAddsIntoGradients()
    {
        INetwork net = NetworkCatalog.Create("DropoutClassifier", seed: 1);
        var random = new Random(5);
        float[] inputs = NetworkCatalog.RandomInput(3 * net.InputSize, random);
        var targets = new float[3 * net.OutputSize];
        for (int j = 0; j < 3; j++) targets[j * net.OutputSize + j] = 1;
        float loss = net.AccumulateGradientsBatch(inputs, targets, 3);
        // The first call takes streams 0, 1, 2.
        var expected = new float[net.ParameterCount];
        float expectedLoss = net.AccumulateGradientsBatch(inputs, targets, 3, expected, dropoutStream: 0);
        Assert.Equal(expectedLoss, loss);
        Assert.Equal(expected, net.Gradients.ToArray());
        Assert.Equal(0f, net.AccumulateGradientsBatch(inputs, targets, 0));
    }

    [Theory]
    [InlineData("Control16")]
    [InlineData("DropoutClassifier")]
    [InlineData("WideNetwork")]
    public void ConcurrentCallersWithOwnBuffersGetSequentialResults(string name)
    {
        INetwork net = NetworkCatalog.Create(name, seed: 7);
        const int threads = 8, perThread = 20;
        var random = new Random(6);
        float[] inputs = NetworkCatalog.RandomInput(threads * perThread * net.InputSize, random);
        var targets = new float[threads * perThread * net.OutputSize];
        for (int j = 0; j < threads * perThread; j++) NetworkCatalog.RandomTarget(net.Architecture, random).CopyTo(targets, j * net.OutputSize);

        float[][] Run(bool parallel)
        {
            var results = new float[threads][];
            void Work(int t)
            {
                var gradients = new float[net.ParameterCount];
                var outputs = new float[perThread * net.OutputSize];
                for (int j = 0; j < perThread; j++)
                {
                    int example = t * perThread + j;
                    net.AccumulateGradientsBatch(inputs.AsSpan(example * net.InputSize, net.InputSize),
                        targets.AsSpan(example * net.OutputSize, net.OutputSize), 1, gradients, (ulong)example);
                    net.Forward(inputs.AsSpan(example * net.InputSize, net.InputSize), outputs.AsSpan(j * net.OutputSize, net.OutputSize));
                }

                var combined = new float[gradients.Length + outputs.Length];
                gradients.CopyTo(combined, 0);
                outputs.CopyTo(combined, gradients.Length);
                results[t] = combined;
            }

            if (parallel) Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, Work);
            else for (int t = 0; t < threads; t++) Work(t);
            return results;
        }

        float[][] sequential = Run(parallel: false);
        float[][] concurrent = Run(parallel: true);
        for (int t = 0; t < threads; t++) Assert.Equal(sequential[t], concurrent[t]);
    }
}
