namespace NetGen.CodeFixes;

/// <summary>
/// The IDs of the diagnostics this assembly fixes, each named as its descriptor in the generator's
/// <c>DiagnosticDescriptors</c>. Duplicated rather than shared because this assembly must not reference the generator
/// (they are built against different Roslyn versions); <c>FixableDiagnosticIdsTests</c> checks every constant here
/// against the descriptor of the same name, so the two cannot drift apart.
/// </summary>
internal static class FixableDiagnosticIds
{
    public const string NotPartial = "NG0001";
    public const string SoftmaxOnHiddenLayer = "NG0005";
    public const string LossActivationMismatch = "NG0006";
    public const string AlphaIgnored = "NG0010";
    public const string ContainingTypeNotPartial = "NG0017";
}
