using System;
using System.Text;

namespace NetGen.Generator.Helpers;

/// <summary>
/// Builds generated source line by line with four-space indentation, so emitters read as the code they write. Lines
/// longer than <see cref="LineWrapper.MaxLength"/> are wrapped (<see cref="LineWrapper"/>).
/// </summary>
internal sealed class IndentedTextWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _depth;

    public IndentedTextWriter WriteLine(string line = "")
    {
        if (line.Length == 0)
        {
            _builder.Append('\n');
            return this;
        }

        var indent = new StringBuilder();
        for (int i = 0; i < _depth; i++) indent.Append(IndentUnit);
        foreach (string wrapped in LineWrapper.Wrap(indent.ToString(), line)) _builder.Append(wrapped).Append('\n');
        return this;
    }

    /// <summary>Writes a line at column 0 whatever the depth, as preprocessor directives prefer.</summary>
    public IndentedTextWriter WriteDirective(string directive)
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
        private readonly IndentedTextWriter _writer;
        private readonly string _closing;

        public Block(IndentedTextWriter writer, string closing)
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
