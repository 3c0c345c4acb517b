using System.Globalization;

namespace NetGen.Generator.Emit;

/// <summary>Formats numbers as C# literals that read back to exactly the same value.</summary>
internal static class Literals
{
    /// <summary>A float literal such as <c>0.01f</c>; "R" round-trips every finite float.</summary>
    public static string Float(float value) => value.ToString("R", CultureInfo.InvariantCulture) + "f";

    /// <summary>A C# regular string literal, escaping what the summary text can contain.</summary>
    public static string String(string value) =>
        "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";
}

/// <summary>Text for generated XML doc comments.</summary>
internal static class Xml
{
    /// <summary>Escapes the characters XML gives a meaning (<c>Vector&lt;T&gt;</c> in plan reasons, for one).</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
