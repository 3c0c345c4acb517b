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

    /// <summary>
    /// A constant string expression of one literal per line of <paramref name="value"/>, joined by <c>+</c> (still a
    /// constant), so a long multi-line text wraps at its own line breaks instead of running past the line limit.
    /// </summary>
    public static string Lines(string value)
    {
        string[] lines = value.Split('\n');
        var parts = new System.Collections.Generic.List<string>(lines.Length);
        for (int i = 0; i < lines.Length; i++) parts.Add(String(i < lines.Length - 1 ? lines[i] + "\n" : lines[i]));
        return string.Join(" + ", parts);
    }
}

/// <summary>Text for generated XML doc comments.</summary>
internal static class Xml
{
    /// <summary>Escapes the characters XML gives a meaning (<c>Vector&lt;T&gt;</c> in plan reasons, for one).</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
