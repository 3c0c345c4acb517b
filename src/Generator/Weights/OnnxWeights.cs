using NetGen.Generator.Helpers;
using NetGen.Onnx;

namespace NetGen.Generator.Weights;

/// <summary>
/// What an <c>.onnx</c> AdditionalFile holds, as equatable data for the incremental cache: either the problem that
/// makes it unusable (with its kind, which picks the diagnostic), or its Dense layers and their parameters.
/// </summary>
/// <param name="ErrorKind">The kind of <paramref name="Problem"/>, when there is one.</param>
/// <param name="Problem">Why the file cannot be used, or null.</param>
/// <param name="Layers">The layers in graph order (empty when <paramref name="Problem"/> is set).</param>
/// <param name="Parameters">The layers' parameters in NetGen's <c>Parameters</c> layout as little-endian F32 bytes.</param>
/// <param name="StandardizesInput">Whether the graph starts with Sub/Div standardization, which baked weights cannot carry.</param>
internal sealed record OnnxWeights(OnnxErrorKind ErrorKind, string? Problem, EquatableArray<OnnxLayerFacts> Layers, ByteBlob Parameters, bool StandardizesInput);

/// <summary>One Dense layer of an embedded ONNX graph: its shape, activation and where the reader found it.</summary>
internal sealed record OnnxLayerFacts(int Inputs, int Units, string Activation, float Alpha, string Source);
