using NetGen.Generator.Helpers;
using Xunit;

namespace NetGen.Generator.Tests.Helpers;

/// <summary>The multi-line templates the emitters write through <see cref="SourceWriter.WriteBlock"/>.</summary>
public class SourceWriterTests
{
    [Fact]
    public void WriteBlock_KeepsRelativeIndentation_PutsDirectivesAtColumnZero_AndKeepsBlankLines()
    {
        var w = new SourceWriter();
        using (w.OpenBlock("class C"))
        {
            w.WriteBlock("""
                void M()
                {
                    int x = 1;
                #if NET8_0_OR_GREATER
                    x++;
                #endif
                }

                """);
        }

        Assert.Equal(
            "class C\n{\n    void M()\n    {\n        int x = 1;\n#if NET8_0_OR_GREATER\n        x++;\n#endif\n    }\n\n}\n",
            w.ToString());
    }

    [Fact]
    public void WriteBlock_InterpolatedMultiLineValue_GoesOnAtTheBlockDepth()
    {
        var w = new SourceWriter();
        w.Indent();
        w.WriteBlock($$"""
            {{"[A]\n[B]"}}
            int F() => 1;
            """);
        Assert.Equal("    [A]\n    [B]\n    int F() => 1;\n", w.ToString());
    }

    [Fact]
    public void WriteBlock_WrapsLongCommentLines_AtTheLineIndentation()
    {
        var w = new SourceWriter();
        string words = string.Join(" ", System.Linq.Enumerable.Repeat("word", 40));
        w.WriteBlock($$"""
            {
                /// {{words}}
            }
            """);
        string[] lines = w.ToString().TrimEnd('\n').Split('\n');
        Assert.True(lines.Length > 3, "the 200-character comment should wrap");
        for (int i = 1; i < lines.Length - 1; i++)
        {
            Assert.StartsWith("    /// word", lines[i]);
            Assert.True(lines[i].Length <= LineWrapper.MaxLength, $"line {i} has {lines[i].Length} characters");
        }
    }
}
