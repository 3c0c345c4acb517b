using System;
using System.IO;
using System.Text;

namespace NetGen.Onnx;

/// <summary>
/// Writes the protocol-buffers wire format (https://protobuf.dev/programming-guides/encoding/) for the handful of field
/// kinds an ONNX model needs: varints, fixed32 floats, length-delimited strings, bytes and nested messages.
/// </summary>
/// <remarks>
/// A nested message is written into its own <see cref="ProtobufWriter"/> and then copied into the parent with its length
/// prefix, which keeps the writer single-pass without computing sizes ahead. Dense networks are at most a few million
/// floats, so the extra copy per level (three levels deep for a tensor) is cheap next to the file write.
/// </remarks>
internal sealed class ProtobufWriter
{
    private const int WireVarint = 0;
    private const int WireFixed32 = 5;
    private const int WireLengthDelimited = 2;

    private readonly MemoryStream _buffer = new();

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => new(_buffer.GetBuffer(), 0, (int)_buffer.Length);

    /// <summary>Writes an <c>int64</c>/<c>int32</c>/enum field (two's complement varint, as protobuf does for negatives).</summary>
    public void WriteInt64(int field, long value)
    {
        WriteTag(field, WireVarint);
        WriteVarint(unchecked((ulong)value));
    }

    /// <summary>Writes a <c>float</c> field.</summary>
    public void WriteFloat(int field, float value)
    {
        WriteTag(field, WireFixed32);
        uint bits = unchecked((uint)BitConverter.SingleToInt32Bits(value));
        for (int i = 0; i < 4; i++) _buffer.WriteByte((byte)(bits >> (8 * i)));
    }

    /// <summary>Writes a <c>string</c> field as UTF-8.</summary>
    public void WriteString(int field, string value) => WriteBytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>Writes a <c>bytes</c> field.</summary>
    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, WireLengthDelimited);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value.ToArray(), 0, value.Length);
    }

    /// <summary>Writes a nested message field whose body <paramref name="writeBody"/> writes.</summary>
    public void WriteMessage(int field, Action<ProtobufWriter> writeBody)
    {
        var nested = new ProtobufWriter();
        writeBody(nested);
        WriteTag(field, WireLengthDelimited);
        WriteVarint((ulong)nested._buffer.Length);
        nested._buffer.Position = 0;
        nested._buffer.CopyTo(_buffer);
    }

    /// <summary>Copies everything written to <paramref name="stream"/>.</summary>
    public void CopyTo(Stream stream) => stream.Write(_buffer.GetBuffer(), 0, (int)_buffer.Length);

    private void WriteTag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.WriteByte((byte)value);
    }
}
