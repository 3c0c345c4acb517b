using NetGen.Generator.Helpers;

namespace NetGen.Generator.Weights;

/// <summary>
/// One AdditionalFile named by an <c>[EmbeddedWeights]</c> attribute, read and parsed once: either the problem that
/// makes it unusable, or its tensor entries and data buffer. Holds no <c>AdditionalText</c> or <c>SourceText</c>, so
/// it can sit in the incremental cache and compares by content.
/// </summary>
/// <param name="Path">The AdditionalFile's path as the compiler gave it.</param>
/// <param name="RequestedAs">The attribute paths that name this file (see <see cref="WeightsPathMatcher"/>).</param>
/// <param name="Problem">Why the file cannot be used (already with its byte offset), or null.</param>
/// <param name="Tensors">The header's tensors in file order (empty when <paramref name="Problem"/> is set).</param>
/// <param name="HeaderLength">The JSON header's length N.</param>
/// <param name="Data">The data buffer after the header (empty when <paramref name="Problem"/> is set).</param>
/// <param name="Onnx">For an <c>.onnx</c> file, what its graph holds (the other members then stay empty); null for safetensors.</param>
internal sealed record WeightsFile(string Path, EquatableArray<string> RequestedAs, string? Problem, EquatableArray<WeightsTensor> Tensors, long HeaderLength, ByteBlob Data, OnnxWeights? Onnx = null);
