using NetGen.Generator.Helpers;

namespace NetGen.Generator.Model.Layers;

/// <summary>
/// One step of the network as the parser resolved it: a vector of <see cref="Inputs"/> floats in, one of
/// <see cref="Outputs"/> out, and the parameter tensors it owns (none for parameter-free steps). The network is the
/// sequence of these in declaration order; a new layer kind is one more sealed record deriving from this.
/// </summary>
/// <remarks>
/// Records compare by value and by concrete type (<c>EqualityContract</c>), so an array of nodes stays a valid cache
/// key: a Dense node never equals an Activation node, whatever their shapes.
/// </remarks>
/// <param name="Layer">The index of the Dense layer this node belongs to (a Dense node's own index; the Dense layer it follows for the others), which names the generated methods and seeds dropout masks.</param>
/// <param name="Inputs">The length of the vector the node reads.</param>
/// <param name="Outputs">The length of the vector the node writes.</param>
internal abstract record LayerNode(int Layer, int Inputs, int Outputs)
{
    /// <summary>The parameter tensors this node owns, in their order in the parameter vector.</summary>
    public virtual EquatableArray<TensorModel> Tensors => EquatableArray<TensorModel>.Empty;

    /// <summary>The number of parameters the node owns.</summary>
    public int ParameterCount
    {
        get
        {
            int count = 0;
            foreach (TensorModel tensor in Tensors) count += tensor.Length;
            return count;
        }
    }
}
