using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NetGen.Generator.Tests.EmbeddedWeights;

/// <summary>Writes safetensors bytes by hand (independently of the code under test), with any names, dtypes and shapes.</summary>
internal sealed class SafetensorsBuilder
{
    private readonly List<(string Name, string DType, long[] Shape, byte[] Data)> _tensors = new();

    public SafetensorsBuilder Add(string name, long[] shape, float[] values)
    {
        var data = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) BitConverter.TryWriteBytes(data.AsSpan(4 * i), BitConverter.SingleToInt32Bits(values[i]));
        return AddRaw(name, "F32", shape, data);
    }

    public SafetensorsBuilder AddRaw(string name, string dtype, long[] shape, byte[] data)
    {
        _tensors.Add((name, dtype, shape, data));
        return this;
    }

    /// <summary>A Dense stack's tensors under NetGen's names, each float from <paramref name="value"/>(layer, index).</summary>
    public static SafetensorsBuilder ForLayers(int inputSize, int[] units, Func<int, int, float> value)
    {
        var builder = new SafetensorsBuilder();
        int inputs = inputSize;
        for (int l = 0; l < units.Length; l++)
        {
            int layer = l;
            builder.Add($"layers.{l}.weight", new long[] { units[l], inputs }, Enumerable.Range(0, units[l] * inputs).Select(i => value(layer, i)).ToArray());
            builder.Add($"layers.{l}.bias", new long[] { units[l] }, Enumerable.Range(0, units[l]).Select(i => value(layer, units[layer] * inputs + i)).ToArray());
            inputs = units[l];
        }

        return builder;
    }

    public byte[] Build()
    {
        var json = new StringBuilder("{");
        long offset = 0;
        foreach ((string name, string dtype, long[] shape, byte[] data) in _tensors)
        {
            if (json.Length > 1) json.Append(',');
            json.Append(CultureInfo.InvariantCulture, $"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":[{string.Join(",", shape)}],\"data_offsets\":[{offset},{offset + data.Length}]}}");
            offset += data.Length;
        }

        json.Append('}');
        while (json.Length % 8 != 0) json.Append(' ');
        byte[] header = Encoding.UTF8.GetBytes(json.ToString());
        var file = new List<byte>(BitConverter.GetBytes((ulong)header.Length));
        file.AddRange(header);
        foreach (var t in _tensors) file.AddRange(t.Data);
        return file.ToArray();
    }
}
