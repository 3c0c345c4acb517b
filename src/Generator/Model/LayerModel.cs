namespace NetGen.Generator.Model;

/// <summary>
/// One Dense layer, fully resolved: <see cref="Alpha"/> holds the effective value (defaults applied, 0 where the
/// activation has none), <see cref="Init"/> is never Auto, and <see cref="DropoutRate"/> is the rate of a Dropout
/// declared right after this layer (0 for none).
/// </summary>
internal sealed record LayerModel(
    int Index,
    int Inputs,
    int Units,
    Activation Activation,
    float Alpha,
    Init Init,
    float DropoutRate,
    int ParameterOffset)
{
    public int WeightCount => Units * Inputs;

    public int BiasOffset => ParameterOffset + WeightCount;

    public int ParameterCount => Units * (Inputs + 1);

    public bool HasDropout => DropoutRate > 0f;
}
