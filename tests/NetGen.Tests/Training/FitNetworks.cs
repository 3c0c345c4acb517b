using System;
using NetGen.TestNetworks;
using NetGen.Tests.Reference;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>Which implementation of the same architecture a Fit test trains.</summary>
public enum NetworkKind
{
    /// <summary>The double-precision <see cref="ReferenceNetworkAdapter"/>: Fit's logic, independent of the generator.</summary>
    Reference,

    /// <summary>The generated class declared in NetGen.TestNetworks/TrainingNetworks.cs, as users train it.</summary>
    Generated,
}

/// <summary>The networks Fit's semantics tests train, each available as the reference adapter and as its generated twin.</summary>
internal static class FitNetworks
{
    public static TheoryData<NetworkKind> Kinds => new() { NetworkKind.Reference, NetworkKind.Generated };

    /// <summary>6-10-3, ReLU hidden with dropout 0.4, softmax output; initialised (and dropout seeded) from seed 1.</summary>
    public static INetwork Dropout(NetworkKind kind) => kind == NetworkKind.Generated
        ? new BlobsDropoutNet(1)
        : Nets.Reference(1, 6, Loss.CategoricalCrossEntropy, (10, Activation.Relu, 0.4f), (3, Activation.Softmax, 0f));

    /// <summary>3-4-2, tanh hidden, identity output (mean squared error), holding <paramref name="parameters"/>.</summary>
    public static INetwork TanhRegressor(NetworkKind kind, float[] parameters)
    {
        if (kind == NetworkKind.Reference)
            return new ReferenceNetworkAdapter(Nets.Architecture(3, Loss.MeanSquaredError, (4, Activation.Tanh, 0f), (2, Activation.Identity, 0f)), parameters);
        var network = new TestNetworks.TanhRegressor();
        parameters.CopyTo(network.Parameters);
        return network;
    }

    /// <summary>One identity unit over <c>parameters.Length - 1</c> inputs (1 or 2), holding <paramref name="parameters"/> (weights, then the bias).</summary>
    public static INetwork Linear(NetworkKind kind, params float[] parameters)
    {
        int inputs = parameters.Length - 1;
        if (kind == NetworkKind.Reference)
            return new ReferenceNetworkAdapter(Nets.Architecture(inputs, Loss.MeanSquaredError, (1, Activation.Identity, 0f)), parameters);
        INetwork network = inputs switch
        {
            1 => new LinearUnit(),
            2 => new LinearPair(),
            _ => throw new ArgumentException($"Generated linear networks have 1 or 2 inputs; {parameters.Length} parameters ask for {inputs}.", nameof(parameters)),
        };
        parameters.CopyTo(network.Parameters);
        return network;
    }
}
