using NetGen.Generator.Helpers;

namespace NetGen.Generator.Model;

/// <summary>What the parser makes of one <c>[Network]</c> class: the model when the declaration is sound, and its diagnostics either way.</summary>
/// <param name="Model">The network, or null when the declaration is not sound.</param>
/// <param name="Diagnostics">The declaration's diagnostics.</param>
/// <param name="EmbeddedWeightsLocation">
/// The path argument of <c>[EmbeddedWeights]</c>, where the weights file's errors point. Kept here beside the
/// diagnostics, not in the model, so moving the attribute does not re-emit the network.
/// </param>
internal sealed record ParseResult(NetworkModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, LocationInfo? EmbeddedWeightsLocation = null);
