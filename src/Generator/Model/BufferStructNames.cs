namespace NetGen.Generator.Model;

/// <summary>
/// The names of the nested buffer structs every generated network declares: written by <c>BufferEmitter</c> and the
/// typed <c>Forward</c>/<c>Classify</c> overloads, and reserved by <c>MemberConflicts</c> (NG0019).
/// </summary>
internal static class BufferStructNames
{
    /// <summary>The struct of <c>InputSize</c> floats.</summary>
    public const string Input = "Input";

    /// <summary>The struct of <c>OutputSize</c> floats.</summary>
    public const string Output = "Output";
}
