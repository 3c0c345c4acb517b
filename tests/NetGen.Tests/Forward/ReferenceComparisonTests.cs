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

    [Theory]
    [MemberData(nameof(NetworkCatalog.AllNames), MemberType = typeof(NetworkCatalog))]
    public void ForwardBatchEqualsForwardPerRowAndClassifyIsTheArgmax(string name)
    {
        INetwork net = NetworkCatalog.Create(name, seed: 3);
        NetworkCatalog.Randomize(net, seed: 12);
        var random = new Random(6);
        const int count = 5;
        float[] inputs = NetworkCatalog.RandomInput(count * net.InputSize, random);
        // Longer than needed: a batch may use the front of a bigger buffer, and must leave the rest alone.
        var outputs = new float[count * net.OutputSize + 3];
        outputs.AsSpan(count * net.OutputSize).Fill(42f);
        net.ForwardBatch(inputs, outputs, count);
        var single = new float[net.OutputSize];
        for (int example = 0; example < count; example++)
        {
            ReadOnlySpan<float> x = inputs.AsSpan(example * net.InputSize, net.InputSize);
            net.Forward(x, single);
            // Same code path, same order of operations: bit-identical.
            Assert.Equal(single, outputs.AsSpan(example * net.OutputSize, net.OutputSize).ToArray());
            Assert.Equal(FirstArgmax(single), net.Classify(x));
        }

        Assert.All(outputs.AsSpan(count * net.OutputSize).ToArray(), v => Assert.Equal(42f, v));
    }

    private static int FirstArgmax(float[] values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
