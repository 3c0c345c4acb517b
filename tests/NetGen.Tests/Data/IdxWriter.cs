using System.IO;
using System.IO.Compression;

namespace NetGen.Tests.Data;

/// <summary>Writes small IDX files for tests: the format's big-endian header, then the bytes.</summary>
public static class IdxWriter
{
    public static byte[] Images(int rows, int columns, byte[] pixels) => Build(0x00000803, new[] { pixels.Length / (rows * columns), rows, columns }, pixels);

    public static byte[] Labels(byte[] labels) => Build(0x00000801, new[] { labels.Length }, labels);

    public static byte[] Build(int magic, int[] dimensions, byte[] data)
    {
        var stream = new MemoryStream();
        WriteBigEndian(stream, magic);
        foreach (int d in dimensions) WriteBigEndian(stream, d);
        stream.Write(data);
        return stream.ToArray();
    }

    public static byte[] Gzip(byte[] bytes)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(bytes);
        return output.ToArray();
    }

    private static void WriteBigEndian(Stream s, int value)
    {
        s.WriteByte((byte)(value >> 24));
        s.WriteByte((byte)(value >> 16));
        s.WriteByte((byte)(value >> 8));
        s.WriteByte((byte)value);
    }
}
