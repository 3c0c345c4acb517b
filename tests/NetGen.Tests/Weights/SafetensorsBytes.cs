using System.Collections.Generic;
using System.Linq;
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

    /// <summary>A header listing F32 <paramref name="tensors"/> back to back, and the data length they cover.</summary>
    public static (string Json, int DataLength) Header(IEnumerable<(string Name, long[] Shape)> tensors)
    {
        var json = new StringBuilder("{");
        long offset = 0;
        foreach ((string name, long[] shape) in tensors)
        {
            long bytes = shape.Aggregate(4L, (a, d) => a * d);
            json.Append($"\"{name}\":{{\"dtype\":\"F32\",\"shape\":[{string.Join(",", shape)}],\"data_offsets\":[{offset},{offset + bytes}]}},");
            offset += bytes;
        }

        json.Length--;
        return (json.Append('}').ToString(), (int)offset);
    }
}
