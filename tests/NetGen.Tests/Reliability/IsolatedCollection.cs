using Xunit;

namespace NetGen.Tests.Reliability;

/// <summary>
/// Tests that load the machine for seconds (16 soak threads, child processes saving or training, many 2-thread Fit
/// calls) run alone, after
/// the parallel part of the run: beside them, timing-sensitive tests elsewhere (ParallelInferenceTests' allocation
/// check, which counts bytes only while its caller never has to block) would see a starved machine instead of their
/// own behaviour.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IsolatedCollection
{
    public const string Name = "Reliability: runs alone";
}
