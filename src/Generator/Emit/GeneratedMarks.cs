using NetGen.Generator.Helpers;

namespace NetGen.Generator.Emit;

/// <summary>
/// The attributes that tell tools a member is generated: <c>[GeneratedCode]</c> (analyzers and metrics skip it),
/// <c>[DebuggerNonUserCode]</c> (Just My Code steps over it) and <c>[ExcludeFromCodeCoverage]</c> (coverage tools leave it
/// out). They go on each generated member, not on the class: the class is partial, and the user's part is their code.
/// netstandard2.1 has all three, but the last two do not apply to fields, so fields and constants carry only the first.
/// </summary>
internal static class GeneratedMarks
{
    private static string GeneratedCode => $"[global::System.CodeDom.Compiler.GeneratedCode(\"NetGen\", \"{NetworkGenerator.Version}\")]";

    /// <summary>The marks of a method, constructor, property or nested class, one per line, for a template.</summary>
    public static string MemberText =>
        GeneratedCode + "\n[global::System.Diagnostics.DebuggerNonUserCode]\n[global::System.Diagnostics.CodeAnalysis.ExcludeFromCodeCoverage]";

    /// <summary>The mark of a field or constant, for a template.</summary>
    public static string FieldText => GeneratedCode;

    /// <summary>Marks a method, constructor, property or nested class.</summary>
    public static void Member(SourceWriter w) => w.WriteBlock(MemberText);

    /// <summary>Marks a field or constant.</summary>
    public static void Field(SourceWriter w) => w.WriteLine(GeneratedCode);
}
