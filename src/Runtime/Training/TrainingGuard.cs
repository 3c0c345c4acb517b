using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace NetGen;

/// <summary>
/// Marks a network as being trained for the duration of one <see cref="NetworkTraining.Fit"/> call, so a second Fit on
/// the same instance fails at once instead of interleaving two sets of steps on one parameter vector. One lock per Fit
/// call, nothing per batch. (Wrappers that expose another instance's parameters are separate instances and not detected.)
/// </summary>
internal sealed class TrainingGuard : IDisposable
{
    private static readonly HashSet<INetwork> Training = new(ReferenceComparer.Instance);

    private readonly INetwork _network;

    private TrainingGuard(INetwork network) => _network = network;

    public static TrainingGuard Enter(INetwork network)
    {
        lock (Training)
        {
            if (!Training.Add(network))
                throw new InvalidOperationException(
                    $"This {network.GetType().Name} is already being trained by another Fit call; train one network from one thread at a time.");
        }

        return new TrainingGuard(network);
    }

    public void Dispose()
    {
        lock (Training) Training.Remove(_network);
    }

    /// <summary>Identity, not the network's own Equals: two equal-looking networks are still two networks.</summary>
    private sealed class ReferenceComparer : IEqualityComparer<INetwork>
    {
        public static readonly ReferenceComparer Instance = new();

        public bool Equals(INetwork? x, INetwork? y) => ReferenceEquals(x, y);

        public int GetHashCode(INetwork obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
