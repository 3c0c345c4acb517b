using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using NetGen.Safetensors;

namespace NetGen;

/// <summary>Writes F32 tensors and string metadata as a safetensors file body.</summary>
internal static class SafetensorsWriter
{
    /// <summary>Writes the 8-byte length, the JSON header (space-padded to a multiple of 8, as the format recommends) and the data.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="tensors">Name, shape and values of each tensor, in the order they are stored.</param>
    /// <param name="metadata">The <c>__metadata__</c> map.</param>
    public static void Write(Stream stream, IReadOnlyList<(string Name, long[] Shape, float[] Values)> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        var json = new StringBuilder();
        json.Append('{');
        json.Append('"').Append(SafetensorsParser.MetadataKey).Append("\":{");
        bool first = true;
        foreach (KeyValuePair<string, string> entry in metadata)
        {
            if (!first) json.Append(',');
            first = false;
            AppendString(json, entry.Key);
            json.Append(':');
            AppendString(json, entry.Value);
        }

        json.Append('}');
        long offset = 0;
        foreach ((string name, long[] shape, float[] values) in tensors)
        {
            json.Append(',');
            AppendString(json, name);
            json.Append(":{\"dtype\":\"F32\",\"shape\":[").Append(string.Join(",", shape)).Append("],\"data_offsets\":[");
            json.Append(offset).Append(',').Append(offset += values.Length * 4L).Append("]}");
        }

        json.Append('}');
        // Padding keeps the data buffer 8-byte aligned for readers that memory-map it.
        byte[] header = Encoding.UTF8.GetBytes(json.ToString());
        int padded = (header.Length + 7) / 8 * 8;
        var prefix = new byte[SafetensorsParser.PrefixLength + padded];
        for (int i = 0; i < 8; i++) prefix[i] = (byte)((ulong)padded >> (8 * i));
        header.CopyTo(prefix, SafetensorsParser.PrefixLength);
        for (int i = SafetensorsParser.PrefixLength + header.Length; i < prefix.Length; i++) prefix[i] = (byte)' ';
        stream.Write(prefix, 0, prefix.Length);

        foreach ((_, _, float[] values) in tensors)
        {
            var bytes = new byte[values.Length * 4];
            SafetensorsFloat32.Encode(values, bytes);
            stream.Write(bytes, 0, bytes.Length);
        }
    }

    private static void AppendString(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (char c in value)
        {
            if (c == '"' || c == '\\') json.Append('\\').Append(c);
            else if (c < 0x20) json.Append("\\u").Append(((int)c).ToString("x4"));
            else json.Append(c);
        }

        json.Append('"');
    }
}
