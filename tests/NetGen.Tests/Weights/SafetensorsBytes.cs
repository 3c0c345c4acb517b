using System.Text;

namespace NetGen.Tests.Weights;

/// <summary>Builds safetensors files by hand, so tests can write exactly the malformed bytes they need.</summary>
public static class SafetensorsBytes
{
    /// <summary>8-byte little-endian length of <paramref name="json"/>, the JSON, then <paramref name="data"/>.</summary>
    public static byte[] Build(string json, byte[] data)
    {
        byte[] header = Encoding.UTF8.GetBytes(json);
        var file = new byte[8 + header.Length + data.Length];
        for (int i = 0; i < 8; i++) file[i] = (byte)((ulong)header.Length >> (8 * i));
        header.CopyTo(file, 8);
        data.CopyTo(file, 8 + header.Length);
        return file;
    }

    public static byte[] Build(string json, int dataLength) => Build(json, new byte[dataLength]);
}
