using System.Globalization;

namespace NetGen;

/// <summary>Number fields read from text files (CSV cells, weight-file metadata), and how error messages quote them.</summary>
internal static class FieldText
{
    private const int QuotedLength = 40;

    /// <summary>Parses a float in the invariant culture (a dot for decimals); false for text, NaN and infinities.</summary>
    public static bool TryParseFinite(string text, out float value) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && float.IsFinite(value);

    /// <summary>The field as an error message quotes it: cut after 40 characters, so one huge cell cannot flood the message.</summary>
    public static string Shorten(string text) => text.Length <= QuotedLength ? text : text.Substring(0, QuotedLength) + "...";
}
