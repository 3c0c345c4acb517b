using System;
using System.IO;

namespace NetGen;

/// <summary>
/// One IDX file (the MNIST format, http://yann.lecun.com/exdb/mnist/): a big-endian magic number <c>00 00 08 nd</c>
/// (unsigned bytes, nd dimensions), nd big-endian 32-bit sizes, then the bytes row-major. Raw or gzip.
/// </summary>
internal sealed class IdxFile
{
    private IdxFile(int[] dimensions, ArraySegment<byte> data, bool compressed)
    {
        Dimensions = dimensions;
        Data = data;
        Compressed = compressed;
    }

    public int[] Dimensions { get; }

    /// <summary>The values after the header.</summary>
    public ArraySegment<byte> Data { get; }

    public bool Compressed { get; }

    public int HeaderLength => 4 + 4 * Dimensions.Length;

    /// <summary>Reads and checks a file that must have magic number <c>0x0000080n</c> with n = <paramref name="dimensions"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="what">What the file holds, for messages ("images", "labels").</param>
    /// <param name="dimensions">The required number of dimensions.</param>
    public static IdxFile Read(string path, string what, int dimensions)
    {
        ArraySegment<byte> bytes = DataFile.ReadAll(path, out bool compressed);
        string where = compressed ? " (after gzip decompression)" : "";
        int headerLength = 4 + 4 * dimensions;
        int expectedMagic = 0x00000800 | dimensions;
        if (bytes.Count < 4)
            throw new InvalidDataException($"{path}: byte {bytes.Count}{where}: the file ends inside the 4-byte IDX magic number (expected 0x{expectedMagic:X8} for {what}).");
        int magic = ReadBigEndian(bytes, 0);
        if (magic != expectedMagic)
            throw new InvalidDataException(
                $"{path}: byte 0{where}: magic number 0x{magic:X8}, expected 0x{expectedMagic:X8} (IDX {what}: unsigned bytes, {dimensions} dimension{(dimensions == 1 ? "" : "s")}).");
        if (bytes.Count < headerLength)
            throw new InvalidDataException($"{path}: byte {bytes.Count}{where}: the file ends inside the {headerLength}-byte IDX {what} header.");

        var dims = new int[dimensions];
        long product = 1;
        for (int d = 0; d < dimensions; d++)
        {
            int size = ReadBigEndian(bytes, 4 + 4 * d);
            if (size <= 0)
                throw new InvalidDataException($"{path}: byte {4 + 4 * d}{where}: dimension {d} of the {what} is {(uint)size}; it must be between 1 and {int.MaxValue}.");
            dims[d] = size;
            product *= size;
            if (product > int.MaxValue - headerLength)
                throw new InvalidDataException($"{path}: byte {4 + 4 * d}{where}: the header's dimensions ({string.Join(" x ", dims, 0, d + 1)}...) describe more than {int.MaxValue} bytes of {what}.");
        }

        long expectedLength = headerLength + product;
        if (bytes.Count != expectedLength)
        {
            string problem = bytes.Count < expectedLength
                ? $"the file ends after {bytes.Count} bytes but its header ({string.Join(" x ", dims)}) needs {expectedLength}"
                : $"the file continues past the {expectedLength} bytes its header ({string.Join(" x ", dims)}) describes";
            throw new InvalidDataException($"{path}: byte {Math.Min(bytes.Count, expectedLength)}{where}: {problem}.");
        }

        return new IdxFile(dims, new ArraySegment<byte>(bytes.Array!, bytes.Offset + headerLength, (int)product), compressed);
    }

    private static int ReadBigEndian(ArraySegment<byte> bytes, int offset)
    {
        byte[] a = bytes.Array!;
        int i = bytes.Offset + offset;
        return (a[i] << 24) | (a[i + 1] << 16) | (a[i + 2] << 8) | a[i + 3];
    }
}
