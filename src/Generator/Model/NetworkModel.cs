using System.Linq;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model.Layers;

namespace NetGen.Generator.Model;

/// <summary>
/// Everything the emitter needs to write one network, as plain equatable data: no symbols, syntax or locations,
/// so an edit that does not change the declared network leaves this value equal and the output cached.
/// </summary>
/// <param name="Namespace">The containing namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">Enclosing types, outermost first.</param>
/// <param name="TypeName">The class name as written in C#: a keyword name keeps its <c>@</c> (so does every part of <paramref name="Namespace"/> and <paramref name="ContainingTypes"/>).</param>
/// <param name="InputSize">The input vector length.</param>
/// <param name="Loss">The resolved loss (never Auto).</param>
/// <param name="Nodes">The layer nodes in order: each Dense node, then its activation (none for Identity), then its dropout (if any).</param>
/// <param name="EmbeddedWeightsPath">The path in <c>[EmbeddedWeights]</c>, or null.</param>
/// <remarks>
/// The consumer's C# language version is not part of the model: the emitter writes C# 9 for every consumer (the
/// oldest NetGen accepts, NG0023 below that), so a change of version must not re-emit anything.
/// </remarks>
internal sealed record NetworkModel(
    string? Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string TypeName,
    int InputSize,
    Loss Loss,
    EquatableArray<LayerNode> Nodes,
    string? EmbeddedWeightsPath)
{
    public int OutputSize => Nodes[Nodes.Count - 1].Outputs;

    public int ParameterCount => Nodes.Sum(n => n.ParameterCount);

    /// <summary>The number of Dense layers (<c>LayerCount</c> in the generated class).</summary>
    public int DenseLayerCount => Nodes.Count(n => n is DenseNode);

    /// <summary><c>Ns.Outer.Name</c>, used for the hint name and messages.</summary>
    public string FullName
    {
        get
        {
            var parts = new System.Collections.Generic.List<string>();
            if (Namespace is not null) parts.Add(Namespace);
            foreach (ContainingTypeModel t in ContainingTypes) parts.Add(t.NameWithTypeParameters);
            parts.Add(TypeName);
            return string.Join(".", parts);
        }
    }
}
