using System;
using System.IO;
using System.IO.Compression;

namespace NetGen;

/// <summary>Reads data files that may be gzip-compressed, recognised by their magic bytes rather than their extension.</summary>
internal static class DataFile
{
    /// <summary>Whether <paramref name="bytes"/> starts with the gzip magic number 1f 8b.</summary>
    private static bool IsGzip(byte[] bytes) => bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B;

    /// <summary>The most decompressed bytes kept: just under the largest byte array .NET allocates.</summary>
    private const long MaxLength = int.MaxValue - 64;

    /// <summary>
    /// Reads <paramref name="path"/> whole and, if it is gzip, decompresses it. Decompression reads until the end of the
    /// stream or until more than <see cref="MaxLength"/> bytes came out (one byte more, so a longer stream shows as too long
    /// to the loader's length checks rather than as cut to fit), so memory grows with the data actually present and never
    /// with what a (possibly corrupt) header claims. Corrupt gzip data becomes <see cref="InvalidDataException"/>
    /// naming the file.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="compressed">Whether the file was gzip.</param>
    public static ArraySegment<byte> ReadAll(string path, out bool compressed)
    {
        byte[] raw = File.ReadAllBytes(path);
        compressed = IsGzip(raw);
        if (!compressed) return new ArraySegment<byte>(raw);

        // Image and CSV data typically compress 2x or less (Fashion-MNIST: 26 MB -> 47 MB); starting at 2x avoids
        // regrowth for them without trusting any size field, and the stream doubles when it needs more.
        long guess = Math.Min(raw.Length * 2L + 4096, int.MaxValue / 2);
        var output = new MemoryStream((int)guess);
        var chunk = new byte[81920];
        var input = new MemoryStream(raw, writable: false);
        try
        {
            using var gzip = new GZipStream(input, CompressionMode.Decompress, leaveOpen: true);
            while (output.Length <= MaxLength)
            {
                int want = (int)Math.Min(chunk.Length, MaxLength + 1 - output.Length);
                int n = gzip.Read(chunk, 0, want);
                if (n == 0) break;
                output.Write(chunk, 0, n);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // The input is in memory, so an IOException here (e.g. ZLibException) can only come from the data. The
            // decompressor reads ahead in blocks, so the damage is at or before the byte it had read up to.
            throw new InvalidDataException($"{path}: byte {input.Position} or earlier: corrupt gzip data after {output.Length} decompressed bytes: {e.Message}", e);
        }

        return new ArraySegment<byte>(output.GetBuffer(), 0, (int)output.Length);
    }
}
