using System;
using System.Collections.Generic;
using NetGen.Generator.Model.Layers;

namespace NetGen.Generator.Plan;

/// <summary>
/// A <see cref="DenseNode"/> with the <see cref="ActivationNode"/> and <see cref="DropoutNode"/> that follow it: the unit
/// the generated methods are named by (<c>Layer{i}Linear</c>, <c>Layer{i}Activate</c>, ...) and the one the scratch
/// layout and the training passes fuse (the activation's derivative is applied to the delta the next Dense layer's
/// backward step writes). A view derived from the model's nodes at emit time, not a pipeline value.
/// </summary>
internal sealed class DenseStage
{
    private DenseStage(DenseNode dense, ActivationNode? activation, DropoutNode? dropout)
    {
        Dense = dense;
        ActivationNode = activation;
        DropoutNode = dropout;
    }

    public DenseNode Dense { get; }

    /// <summary>The activation after <see cref="Dense"/>, or null for Identity.</summary>
    public ActivationNode? ActivationNode { get; }

    /// <summary>The dropout after the activation, or null.</summary>
    public DropoutNode? DropoutNode { get; }

    public int Index => Dense.Layer;

    public int Inputs => Dense.Inputs;

    public int Units => Dense.Units;

    public Activation Activation => ActivationNode?.Activation ?? Activation.Identity;

    /// <summary>The activation's effective alpha, 0 where it has none.</summary>
    public float Alpha => ActivationNode?.Alpha ?? 0f;

    public Init Init => Dense.Init;

    /// <summary>The dropout rate, 0 for none.</summary>
    public float DropoutRate => DropoutNode?.Rate ?? 0f;

    public int ParameterOffset => Dense.ParameterOffset;

    public int WeightCount => Dense.WeightCount;

    public int BiasOffset => Dense.BiasOffset;

    public int ParameterCount => Dense.ParameterCount;

    public bool HasDropout => DropoutNode is not null;

    /// <summary>
    /// Groups the nodes into stages. The parser writes them as Dense, then at most one Activation, then at most one
    /// Dropout, so anything else is a parser bug and throws (the generator turns that into its internal-error diagnostic).
    /// </summary>
    public static IReadOnlyList<DenseStage> Group(IEnumerable<LayerNode> nodes)
    {
        var stages = new List<DenseStage>();
        DenseNode? dense = null;
        ActivationNode? activation = null;
        DropoutNode? dropout = null;
        foreach (LayerNode node in nodes)
        {
            switch (node)
            {
                case DenseNode next:
                    if (dense is not null) stages.Add(new DenseStage(dense, activation, dropout));
                    dense = next;
                    activation = null;
                    dropout = null;
                    break;
                case ActivationNode a when dense is not null && activation is null && dropout is null:
                    activation = a;
                    break;
                case DropoutNode d when dense is not null && dropout is null:
                    dropout = d;
                    break;
                default:
                    throw new InvalidOperationException($"Layer node {node} is out of place: each Dense layer is followed by at most one activation, then at most one dropout.");
            }
        }

        if (dense is not null) stages.Add(new DenseStage(dense, activation, dropout));
        return stages;
    }
}
