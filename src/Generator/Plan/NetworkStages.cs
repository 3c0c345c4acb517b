using System.Collections.Generic;
using System.Runtime.CompilerServices;
using NetGen.Generator.Model;

namespace NetGen.Generator.Plan;

/// <summary>The <see cref="DenseStage"/> view of a model's nodes, grouped once per model instance.</summary>
internal static class NetworkStages
{
    // Keyed by reference, so it neither keeps models alive nor takes part in the model's value equality.
    private static readonly ConditionalWeakTable<NetworkModel, IReadOnlyList<DenseStage>> Cache = new();

    public static IReadOnlyList<DenseStage> Stages(this NetworkModel model) =>
        Cache.GetValue(model, m => DenseStage.Group(m.Nodes));
}
