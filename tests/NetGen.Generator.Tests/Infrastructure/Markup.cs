using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace NetGen.Generator.Tests.Infrastructure;

/// <summary>
/// Source text with expected diagnostic spans marked as in Microsoft.CodeAnalysis.Testing: <c>{|NG0004:0|}</c> marks
/// the text <c>0</c> as where NG0004 must point. Markers do not nest.
/// </summary>
internal sealed class Markup
{
    private Markup(string source, IReadOnlyList<(string Id, TextSpan Span)> spans)
    {
        Source = source;
        Spans = spans;
    }

    /// <summary>The source with the markers removed.</summary>
    public string Source { get; }

    public IReadOnlyList<(string Id, TextSpan Span)> Spans { get; }

    public static Markup Parse(string markup)
    {
        var source = new StringBuilder();
        var spans = new List<(string, TextSpan)>();
        int i = 0;
        while (i < markup.Length)
        {
            if (markup[i] == '{' && i + 1 < markup.Length && markup[i + 1] == '|')
            {
                int colon = markup.IndexOf(':', i);
                int close = markup.IndexOf("|}", i, StringComparison.Ordinal);
                if (colon < 0 || close < 0 || colon > close) throw new FormatException($"Unterminated marker at offset {i}");
                string id = markup.Substring(i + 2, colon - i - 2);
                string text = markup.Substring(colon + 1, close - colon - 1);
                spans.Add((id, new TextSpan(source.Length, text.Length)));
                source.Append(text);
                i = close + 2;
            }
            else
            {
                source.Append(markup[i++]);
            }
        }

        return new Markup(source.ToString(), spans);
    }
}
