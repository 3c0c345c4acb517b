using NetGen.Generator.Helpers;

namespace NetGen.Generator.Model.Layers;

/// <summary>
/// <c>z = W x + b</c>: a <c>[Dense]</c> attribute's affine part. Its activation is the <see cref="ActivationNode"/>
/// that follows (none for Identity). <see cref="Init"/> is resolved (never Auto); the weights sit at
/// <see cref="ParameterOffset"/>, <c>[units, inputs]</c> row-major, and the biases right after them.
/// </summary>
internal sealed record DenseNode(int Layer, int Inputs, int Units, Init Init, int ParameterOffset) : LayerNode(Layer, Inputs, Units)
{
    public int WeightCount => Units * Inputs;

    public int BiasOffset => ParameterOffset + WeightCount;

    public override EquatableArray<TensorModel> Tensors => new[]
    {
        new TensorModel("weight", ParameterOffset, Units, Inputs, IsRegularized: true),
        new TensorModel("bias", BiasOffset, Units, 1, IsRegularized: false),
    }.ToEquatableArray();
}
