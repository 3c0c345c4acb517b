using System;
using System.Text;

namespace NetGen.Generator.Helpers;

/// <summary>
/// Builds generated source with four-space indentation, so emitters read as the code they write: a line at a time
/// (<see cref="WriteLine"/>) or a multi-line template at a time (<see cref="WriteBlock"/>, usually an interpolated raw
/// string, as the System.Text.Json generator writes its source). Lines longer than <see cref="LineWrapper.MaxLength"/> are
/// wrapped (<see cref="LineWrapper"/>).
/// </summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _depth;

    public SourceWriter WriteLine(string line = "")
    {
        if (line.Length == 0)
        {
            _builder.Append('\n');
            return this;
        }

        foreach (string wrapped in LineWrapper.Wrap(Indentation(), line)) _builder.Append(wrapped).Append('\n');
        return this;
    }

    private string Indentation()
    {
        var indent = new StringBuilder();
        for (int i = 0; i < _depth; i++) indent.Append(IndentUnit);
        return indent.ToString();
    }

    /// <summary>
    /// Writes a multi-line block at the current depth, keeping each line's indentation relative to it. Lines starting
    /// with <c>#</c> are preprocessor directives and go to column 0; empty lines stay empty. A raw string literal has its
    /// common indentation removed by the compiler, so a template reads exactly as the code it writes; a value interpolated
    /// into it may span lines (each goes on at the depth of the block).
    /// </summary>
    public SourceWriter WriteBlock(string block)
    {
        foreach (string line in block.Replace("\r\n", "\n").Split('\n'))
        {
            string text = line.TrimEnd();
            string trimmed = text.TrimStart();
            if (trimmed.Length == 0)
            {
                _builder.Append('\n');
                continue;
            }

            if (trimmed[0] == '#')
            {
                WriteDirective(trimmed);
                continue;
            }

            string indent = Indentation() + text.Substring(0, text.Length - trimmed.Length);
            foreach (string wrapped in LineWrapper.Wrap(indent, trimmed)) _builder.Append(wrapped).Append('\n');
        }

        return this;
    }

    /// <summary>Writes a line at column 0 whatever the depth, as preprocessor directives prefer.</summary>
    public SourceWriter WriteDirective(string directive)
    {
        _builder.Append(directive).Append('\n');
        return this;
    }

    /// <summary>Writes <c>{</c>, indents, and returns a scope whose disposal writes the closing brace.</summary>
    public Block OpenBlock(string? header = null, string closing = "}")
    {
        if (header is not null) WriteLine(header);
        WriteLine("{");
        _depth++;
        return new Block(this, closing);
    }

    public void Indent() => _depth++;

    public void Unindent() => _depth = Math.Max(0, _depth - 1);

    public override string ToString() => _builder.ToString();

    public readonly struct Block : IDisposable
    {
        private readonly SourceWriter _writer;
        private readonly string _closing;

        public Block(SourceWriter writer, string closing)
        {
            _writer = writer;
            _closing = closing;
        }

        public void Dispose()
        {
            _writer.Unindent();
            _writer.WriteLine(_closing);
        }
    }
}
