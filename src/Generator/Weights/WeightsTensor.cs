using NetGen.Generator.Helpers;

namespace NetGen.Generator.Weights;

/// <summary>One tensor entry of a parsed safetensors header, as equatable data (offsets relative to the data buffer).</summary>
internal sealed record WeightsTensor(string Name, string DType, EquatableArray<long> Shape, long Begin, long End, long HeaderOffset);
