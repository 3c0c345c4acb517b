using System.Globalization;
using System.Text;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Weights;

namespace NetGen.Generator.Emit;

/// <summary>
/// Writes <c>CreatePretrained()</c> for a network with <c>[EmbeddedWeights]</c>: the file's parameter bytes as string
/// literals that the method decodes into a new instance's <c>Parameters</c>.
/// </summary>
/// <remarks>
/// String literals, not a <c>ReadOnlySpan&lt;byte&gt;</c> over a <c>new byte[] { ... }</c> literal: the compiler binds
/// every element of a byte-array initialiser as its own expression, which for a 784-256-128-10 network (940 KB) took
/// 7 s and 900 MB more per compile here, in every build and in the IDE, while the same bytes as string literals added
/// 0.3 s and no measurable memory. The price is one allocation of the strings on the first call (the runtime interns
/// literals; NativeAOT preallocates them in the image), and a cap on the total from the 16 MiB string heap
/// (<see cref="WeightsFileReader.MaxFileBytes"/>). Each char holds two bytes, low byte first, and is read back as a
/// number, never reinterpreted in memory, so the floats are the file's exact bits on any host. Every char is written as
/// a <c>\uXXXX</c> escape: the generated file stays ASCII, with no surrogates, bidirectional controls or line breaks.
/// </remarks>
internal static class PretrainedEmitter
{
    /// <summary>Parameters per string literal: one 6 KB source line each, so editors and diff tools cope.</summary>
    internal const int ChunkParameters = 512;

    private const string ChunkMethod = "__netgenPretrainedChunk";

    public static void Emit(SourceWriter w, NetworkModel model, PretrainedWeights pretrained)
    {
        int parameterCount = pretrained.Parameters.Length / 4;
        int chunks = (parameterCount + ChunkParameters - 1) / ChunkParameters;
        string file = System.Security.SecurityElement.Escape(SingleLine(pretrained.FileName)) ?? "";

        w.WriteBlock($$"""
            /// <summary>
            /// Creates a network whose <see cref="Parameters"/> are the weights baked in at compile time from <c>{{file}}</c>.
            /// </summary>
            /// <remarks>
            /// Reads no file and uses no reflection or resources, so it works under NativeAOT and IL2CPP. Every call returns a
            /// new, independent instance; the weights are the file's exact float bits.
            /// </remarks>
            /// <returns>A new network with the embedded parameters.</returns>
            {{GeneratedMarks.MemberText}}
            public static {{model.TypeName}} CreatePretrained()
            {
                var network = new {{model.TypeName}}();
                {{TypeNames.Span}} parameters = network.Parameters;
                for (int chunk = 0; chunk < {{chunks}}; chunk++)
                {
                    global::System.ReadOnlySpan<char> halves = global::System.MemoryExtensions.AsSpan({{ChunkMethod}}(chunk));
                    int start = chunk * {{ChunkParameters}};
                    for (int i = 0; i < halves.Length / 2; i++)
                        parameters[start + i] = global::System.BitConverter.Int32BitsToSingle(halves[2 * i] | (halves[2 * i + 1] << 16));
                }
                return network;
            }
            """);

        w.WriteLine();
        w.WriteLine($"// {parameterCount} parameters, {ChunkParameters} per literal; each char is two bytes of the little-endian F32 data, low byte first.");
        GeneratedMarks.Member(w);
        using (w.OpenBlock($"private static string {ChunkMethod}(int chunk)"))
        {
            using (w.OpenBlock("switch (chunk)"))
            {
                var line = new StringBuilder();
                for (int c = 0; c < chunks; c++)
                {
                    line.Clear();
                    line.Append("case ").Append(c.ToString(CultureInfo.InvariantCulture)).Append(": return \"");
                    int end = System.Math.Min(pretrained.Parameters.Length, (c + 1) * ChunkParameters * 4);
                    for (int b = c * ChunkParameters * 4; b < end; b += 2)
                    {
                        int unit = pretrained.Parameters.Span[b] | (pretrained.Parameters.Span[b + 1] << 8);
                        line.Append("\\u").Append(unit.ToString("X4", CultureInfo.InvariantCulture));
                    }

                    w.WriteLine(line.Append("\";").ToString());
                }

                w.WriteLine("default: return \"\";");
            }
        }

        w.WriteLine();
    }

    /// <summary>The path with anything C# or XML treats as a line break or control replaced, for a <c>///</c> line.</summary>
    private static string SingleLine(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
            builder.Append(char.IsControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
        return builder.ToString();
    }
}
