using NetGen.Generator.Helpers;

namespace NetGen.Generator.Weights;

/// <summary>
/// What the read step needs to decide which AdditionalFiles to read: every path named in an
/// <c>[EmbeddedWeights]</c> attribute of the compilation, and the project directory they are relative to.
/// </summary>
/// <param name="ProjectDirectory">MSBuild's <c>build_property.ProjectDir</c>, or null where the host does not provide it (Unity, in-memory compilations).</param>
/// <param name="Paths">The attribute paths, distinct and sorted, so the value is stable under edits that do not change them.</param>
internal sealed record WeightsRequests(string? ProjectDirectory, EquatableArray<string> Paths);
