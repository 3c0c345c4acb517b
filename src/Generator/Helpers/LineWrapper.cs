using System.Collections.Generic;

namespace NetGen.Generator.Helpers;

/// <summary>
/// Keeps generated lines within <see cref="MaxLength"/> characters so the output reads in an editor and in review:
/// a code line breaks after a <c>, </c> or an assignment's <c> = </c>, or before a <c> + </c>, outside string literals and before any trailing comment,
/// continuing one indent deeper; a comment line (<c>//</c>, <c>///</c>) breaks between words and repeats its marker.
/// A line with no such break point (a long string literal: the embedded weights, the summary text) stays as it is.
/// </summary>
internal static class LineWrapper
{
    public const int MaxLength = 160;

    private const string ContinuationIndent = "    ";

    /// <summary>The line as one or more lines, each within <see cref="MaxLength"/> where a break point allows.</summary>
    public static IEnumerable<string> Wrap(string indent, string text)
    {
        if (indent.Length + text.Length <= MaxLength)
        {
            yield return indent + text;
            yield break;
        }

        string trimmed = text.TrimStart();
        if (trimmed.StartsWith("//", System.StringComparison.Ordinal))
        {
            foreach (string line in WrapComment(indent, trimmed)) yield return line;
            yield break;
        }

        string current = indent + text;
        string continuation = indent + ContinuationIndent;
        while (current.Length > MaxLength)
        {
            int split = BreakPoint(current, continuation.Length);
            if (split < 0) break;
            yield return current.Substring(0, split).TrimEnd();
            current = continuation + current.Substring(split).TrimStart();
        }

        yield return current;
    }

    /// <summary>
    /// The last place at or before <see cref="MaxLength"/> to break <paramref name="line"/>: just after <c>", "</c> or <c>" = "</c>, or
    /// just before <c>" + "</c>, outside string and character literals and before a <c>//</c> comment; -1 if none.
    /// </summary>
    private static int BreakPoint(string line, int minimum)
    {
        int best = -1, assignment = -1;
        bool inString = false, inChar = false;
        for (int i = 0; i < line.Length - 1; i++)
        {
            char c = line[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
                continue;
            }

            if (inChar)
            {
                if (c == '\\') i++;
                else if (c == '\'') inChar = false;
                continue;
            }

            if (c == '"') inString = true;
            else if (c == '\'') inChar = true;
            else if (c == '/' && line[i + 1] == '/') break;
            else if (c == ',' && line[i + 1] == ' ' && i + 2 <= MaxLength && i + 2 > minimum) best = i + 2;
            else if (c == '=' && i > 0 && line[i - 1] == ' ' && line[i + 1] == ' ' && i + 2 <= MaxLength && i + 2 > minimum) best = assignment = i + 2;
            else if (c == ' ' && line[i + 1] == '+' && i + 2 < line.Length && line[i + 2] == ' ' && i <= MaxLength && i > minimum) best = i + 1;
        }

        // Breaking after the assignment reads best when the whole right-hand side then fits on the next line.
        if (assignment > 0 && minimum + line.Length - assignment <= MaxLength) return assignment;
        return best;
    }

    /// <summary>Space-separated words, except that an XML tag (<c>&lt;see cref="..."/&gt;</c>) stays one word: a cref must not span lines.</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        int depth = 0;
        var word = new System.Text.StringBuilder();
        foreach (char c in text)
        {
            if (c == '<') depth++;
            else if (c == '>' && depth > 0) depth--;
            if (c == ' ' && depth == 0)
            {
                words.Add(word.ToString());
                word.Clear();
                continue;
            }

            word.Append(c);
        }

        words.Add(word.ToString());
        return words;
    }

    private static IEnumerable<string> WrapComment(string indent, string comment)
    {
        string marker = comment.StartsWith("///", System.StringComparison.Ordinal) ? "/// " : "// ";
        List<string> words = Words(comment.Substring(marker.Length));
        string line = indent + marker;
        bool empty = true;
        foreach (string word in words)
        {
            if (!empty && line.Length + 1 + word.Length > MaxLength)
            {
                yield return line;
                line = indent + marker;
                empty = true;
            }

            line += (empty ? "" : " ") + word;
            empty = false;
        }

        yield return line;
    }
}
