namespace NetGen.Generator.Model.Layers;

/// <summary>
/// One parameter tensor of a node, as the runtime's <c>ParameterTensor</c> describes it: a name within the layer
/// (<c>weight</c>, <c>bias</c>; stored as <c>layers.{layer}.{name}</c> in weight files), a row-major shape of
/// <paramref name="Rows"/> by <paramref name="Columns"/> (<paramref name="Columns"/> is 1 for a vector), and its offset in
/// the parameter vector.
/// </summary>
internal sealed record TensorModel(string Name, int Offset, int Rows, int Columns, bool IsRegularized)
{
    public int Length => Rows * Columns;
}
