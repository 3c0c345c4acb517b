using NetGen.Generator.Helpers;

namespace NetGen.Generator.Model;

/// <summary>What the parser makes of one <c>[Network]</c> class: the model when the declaration is sound, and its diagnostics either way.</summary>
internal sealed record ParseResult(NetworkModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
