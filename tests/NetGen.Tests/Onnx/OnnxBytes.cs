using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace NetGen.Tests.Onnx;

/// <summary>
/// Builds ONNX model bytes for tests, graph by graph, in the shapes the exporters write (see the import tests). It is
/// an independent protobuf encoder on purpose: it shares no code with NetGen's writer or reader, so the reader is
/// tested against a second implementation of onnx.proto rather than against itself. Also compiled into the generator
/// tests.
/// </summary>
public sealed class OnnxBytes
{
    private readonly List<byte[]> _nodes = new(), _initializers = new(), _inputs = new(), _outputs = new(), _opsets = new(), _metadata = new();

    public long IrVersion { get; set; } = 8;

    public OnnxBytes(long opset = 13) => Opset("", opset);

    public OnnxBytes Opset(string domain, long version)
    {
        _opsets.Add(Message(w => { String(w, 1, domain); Varint(w, 2, version); }));
        return this;
    }

    public OnnxBytes Metadata(string key, string value)
    {
        _metadata.Add(Message(w => { String(w, 1, key); String(w, 2, value); }));
        return this;
    }

    /// <summary>A graph input; a dims entry is a long (fixed), a string (symbolic) or null (unknown).</summary>
    public OnnxBytes Input(string name, int elemType, params object?[] dims)
    {
        _inputs.Add(ValueInfo(name, elemType, dims));
        return this;
    }

    public OnnxBytes Output(string name, int elemType, params object?[] dims)
    {
        _outputs.Add(ValueInfo(name, elemType, dims));
        return this;
    }

    /// <summary>An output whose type is not a tensor (skl2onnx's ZipMap output is a sequence of maps).</summary>
    public OnnxBytes SequenceOutput(string name)
    {
        _outputs.Add(Message(w => { String(w, 1, name); Bytes(w, 2, Message(t => Bytes(t, 4, Message(_ => { })))); }));
        return this;
    }

    /// <summary>A FLOAT initializer stored as raw_data (or as float_data when <paramref name="raw"/> is false).</summary>
    public OnnxBytes Initializer(string name, long[] dims, float[] values, bool raw = true)
    {
        _initializers.Add(Tensor(name, dims, values, raw));
        return this;
    }

    /// <summary>An initializer of another data type, given its raw bytes (e.g. INT64 shapes, DOUBLE weights).</summary>
    public OnnxBytes RawInitializer(string name, long[] dims, int dataType, byte[] raw)
    {
        _initializers.Add(Message(w =>
        {
            foreach (long d in dims) Varint(w, 1, d);
            Varint(w, 2, dataType);
            String(w, 8, name);
            Bytes(w, 9, raw);
        }));
        return this;
    }

    /// <summary>A node; attributes are (name, value) with value a long, a float or a float[] tensor (for Constant 'value').</summary>
    public OnnxBytes Node(string opType, string[] inputs, string[] outputs, string name = "", string domain = "", params (string Name, object Value)[] attributes)
    {
        _nodes.Add(Message(w =>
        {
            foreach (string i in inputs) String(w, 1, i);
            foreach (string o in outputs) String(w, 2, o);
            if (name.Length > 0) String(w, 3, name);
            String(w, 4, opType);
            if (domain.Length > 0) String(w, 7, domain);
            foreach ((string attributeName, object value) in attributes) Bytes(w, 5, Attribute(attributeName, value));
        }));
        return this;
    }

    public byte[] Build()
    {
        byte[] graph = Message(w =>
        {
            foreach (byte[] n in _nodes) Bytes(w, 1, n);
            String(w, 2, "test");
            foreach (byte[] t in _initializers) Bytes(w, 5, t);
            foreach (byte[] i in _inputs) Bytes(w, 11, i);
            foreach (byte[] o in _outputs) Bytes(w, 12, o);
        });
        return Message(w =>
        {
            Varint(w, 1, IrVersion);
            String(w, 2, "tests");
            Bytes(w, 7, graph);
            foreach (byte[] o in _opsets) Bytes(w, 8, o);
            foreach (byte[] m in _metadata) Bytes(w, 14, m);
        });
    }

    public static byte[] Tensor(string name, long[] dims, float[] values, bool raw = true) => Message(w =>
    {
        foreach (long d in dims) Varint(w, 1, d);
        Varint(w, 2, 1);
        if (!raw)
        {
            var packed = new byte[values.Length * 4];
            for (int i = 0; i < values.Length; i++) BitConverter.GetBytes(values[i]).CopyTo(packed, 4 * i);
            Bytes(w, 4, packed);
        }

        String(w, 8, name);
        if (raw)
        {
            var bytes = new byte[values.Length * 4];
            for (int i = 0; i < values.Length; i++) BitConverter.GetBytes(values[i]).CopyTo(bytes, 4 * i);
            Bytes(w, 9, bytes);
        }
    });

    private static byte[] Attribute(string name, object value) => Message(w =>
    {
        String(w, 1, name);
        switch (value)
        {
            case long i:
                Varint(w, 3, i);
                Varint(w, 20, 2);
                break;
            case float f:
                Tag(w, 2, 5);
                w.Write(BitConverter.GetBytes(f));
                Varint(w, 20, 1);
                break;
            case (long[] dims, float[] values):
                Bytes(w, 5, Tensor("", dims, values));
                Varint(w, 20, 4);
                break;
            default:
                throw new ArgumentException($"Unsupported attribute value {value}.", nameof(value));
        }
    });

    private static byte[] ValueInfo(string name, int elemType, object?[] dims) => Message(w =>
    {
        String(w, 1, name);
        Bytes(w, 2, Message(type => Bytes(type, 1, Message(tensor =>
        {
            Varint(tensor, 1, elemType);
            Bytes(tensor, 2, Message(shape =>
            {
                foreach (object? d in dims)
                {
                    Bytes(shape, 1, Message(dim =>
                    {
                        if (d is long v) Varint(dim, 1, v);
                        else if (d is int iv) Varint(dim, 1, iv);
                        else if (d is string s) String(dim, 2, s);
                    }));
                }
            }));
        }))));
    });

    private static byte[] Message(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true)) write(writer);
        return stream.ToArray();
    }

    private static void Tag(BinaryWriter w, int field, int wire) => RawVarint(w, (ulong)(field << 3 | wire));

    private static void Varint(BinaryWriter w, int field, long value)
    {
        Tag(w, field, 0);
        RawVarint(w, unchecked((ulong)value));
    }

    private static void String(BinaryWriter w, int field, string value) => Bytes(w, field, Encoding.UTF8.GetBytes(value));

    private static void Bytes(BinaryWriter w, int field, byte[] value)
    {
        Tag(w, field, 2);
        RawVarint(w, (ulong)value.Length);
        w.Write(value);
    }

    private static void RawVarint(BinaryWriter w, ulong value)
    {
        for (; value >= 0x80; value >>= 7) w.Write((byte)(value | 0x80));
        w.Write((byte)value);
    }
}
