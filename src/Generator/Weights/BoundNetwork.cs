using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Weights;

/// <summary>A parsed network joined with its embedded weights file: what the emitter needs and what the checks found.</summary>
/// <param name="Model">The network, or null when its declaration is not sound.</param>
/// <param name="Pretrained">The weights to bake in, or null without <c>[EmbeddedWeights]</c> or when the file does not fit.</param>
/// <param name="Diagnostics">The NG0030-NG0035 errors for this network's file.</param>
internal sealed record BoundNetwork(NetworkModel? Model, PretrainedWeights? Pretrained, EquatableArray<DiagnosticInfo> Diagnostics);
