using System;
using NetGen.Tests.GeneratedCode;
using Xunit;

namespace NetGen.Tests.GeneratedCode;

/// <summary>The hot methods allocate nothing once warm (the thread-static scratch of wide networks is allocated once per thread).</summary>
public class AllocationTests
{
    [Theory]
    [InlineData("Control16")]
    [InlineData("Mnist128")]
    [InlineData("DropoutClassifier")]
    [InlineData("WideNetwork")]
    [InlineData("StreamedRows")]
    public void ForwardAndTrainingAllocateNothing(string name)
    {
        INetwork net = NetworkCatalog.Create(name);
        var random = new Random(1);
        float[] x = NetworkCatalog.RandomInput(net.InputSize * 4, random);
        float[] y = new float[net.OutputSize * 4];
        float[] output = new float[net.OutputSize * 4];
        var gradients = new float[net.ParameterCount];

        void Exercise()
        {
            for (int i = 0; i < 50; i++)
            {
                net.Forward(x.AsSpan(0, net.InputSize), output.AsSpan(0, net.OutputSize));
                net.Classify(x.AsSpan(0, net.InputSize));
                net.ForwardBatch(x, output, 4);
                net.AccumulateGradients(x.AsSpan(0, net.InputSize), y.AsSpan(0, net.OutputSize));
                net.AccumulateGradients(x.AsSpan(0, net.InputSize), y.AsSpan(0, net.OutputSize), gradients);
                net.AccumulateGradientsBatch(x, y, 4);
                net.AccumulateGradientsBatch(x, y, 4, gradients, 7);
                net.ZeroGradients();
            }
        }

        SteadyStateAllocations.AssertNone(Exercise);
    }
}
