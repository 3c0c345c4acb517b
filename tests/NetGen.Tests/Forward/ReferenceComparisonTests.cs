using System;
using NetGen.Tests.GeneratedCode;
using NetGen.Tests.Reference;
using Xunit;

namespace NetGen.Tests.Forward;

/// <summary>Generated Forward, ForwardBatch and Classify against the naive double-precision reference.</summary>
public class ReferenceComparisonTests
{
    private const int Examples = 12;

    [Theory]
    [MemberData(nameof(NetworkCatalog.AllNames), MemberType = typeof(NetworkCatalog))]
    public void ForwardMatchesReference(string name)
    {
        INetwork net = NetworkCatalog.Create(name);
        NetworkCatalog.Randomize(net, seed: 11);
        var reference = new ReferenceNetwork(net.Architecture, net.Parameters);
        var random = new Random(5);
        var output = new float[net.OutputSize];
        for (int example = 0; example < Examples; example++)
        {
            float[] x = NetworkCatalog.RandomInput(net.InputSize, random);
            net.Forward(x, output);
            double[] expected = reference.Forward(NetworkCatalog.ToDouble(x));
            for (int k = 0; k < output.Length; k++)
            {
                double tolerance = Tolerance.Forward(net.Architecture, expected[k]);
                Assert.True(Math.Abs(output[k] - expected[k]) <= tolerance,
                    $"{name} example {example} output {k}: {output[k]} vs reference {expected[k]} (tolerance {tolerance:E2})");
            }
        }
    }

    /// <summary>
    /// Counts around the batched pass's 64-example block: one example (the per-example path), a pair, a block minus
    /// one, exactly one block, a block plus one, and two blocks and a partial one.
    /// </summary>
    private static readonly int[] BatchCounts = [1, 2, 63, 64, 65, 131];

    [Theory]
    [MemberData(nameof(NetworkCatalog.AllNames), MemberType = typeof(NetworkCatalog))]
    public void ForwardBatchMatchesForwardPerRowAndClassifyIsTheArgmax(string name)
    {
        INetwork net = NetworkCatalog.Create(name, seed: 3);
        NetworkCatalog.Randomize(net, seed: 12);
        var random = new Random(6);
        var single = new float[net.OutputSize];
        foreach (int count in BatchCounts)
        {
            float[] inputs = NetworkCatalog.RandomInput(count * net.InputSize, random);
            // Longer than needed: a batch may use the front of a bigger buffer, and must leave the rest alone.
            var outputs = new float[count * net.OutputSize + 3];
            outputs.AsSpan(count * net.OutputSize).Fill(42f);
            net.ForwardBatch(inputs, outputs, count);
            for (int example = 0; example < count; example++)
            {
                ReadOnlySpan<float> x = inputs.AsSpan(example * net.InputSize, net.InputSize);
                net.Forward(x, single);
                for (int k = 0; k < single.Length; k++)
                {
                    // On .NET 8+ the batched kernels sum each pre-activation in another order than Forward, so the two
                    // are no longer bit-identical. Both are within Tolerance.Forward of the exact value (the float
                    // summation bound, which holds for any order), so they are within twice that of each other.
                    double tolerance = 2 * Tolerance.Forward(net.Architecture, single[k]);
                    float batched = outputs[example * net.OutputSize + k];
                    Assert.True(Math.Abs(batched - single[k]) <= tolerance,
                        $"{name} count {count} example {example} output {k}: ForwardBatch {batched} vs Forward {single[k]} (tolerance {tolerance:E2})");
                }

                Assert.Equal(FirstArgmax(single), net.Classify(x));
            }

            Assert.All(outputs.AsSpan(count * net.OutputSize).ToArray(), v => Assert.Equal(42f, v));
        }
    }

    [Theory]
    [MemberData(nameof(NetworkCatalog.AllNames), MemberType = typeof(NetworkCatalog))]
    public void ForwardBatchOfOneExampleIsBitIdenticalToForward(string name)
    {
        INetwork net = NetworkCatalog.Create(name, seed: 3);
        NetworkCatalog.Randomize(net, seed: 13);
        float[] x = NetworkCatalog.RandomInput(net.InputSize, new Random(7));
        var batched = new float[net.OutputSize];
        var single = new float[net.OutputSize];
        net.ForwardBatch(x, batched, 1);
        net.Forward(x, single);
        // One example keeps the per-example pass on every target: same code, same order of operations.
        Assert.Equal(single, batched);
    }

    private static int FirstArgmax(float[] values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
