using System;
using System.Globalization;
using System.Text;

namespace NetGen.Onnx
{
    /// <summary>The protobuf wire types (https://protobuf.dev/programming-guides/encoding/#structure).</summary>
    internal enum WireType
    {
        Varint = 0,
        Fixed64 = 1,
        LengthDelimited = 2,
        StartGroup = 3,
        EndGroup = 4,
        Fixed32 = 5,
    }

    /// <summary>
    /// Reads the protobuf wire format from a window of a byte array. Every length is checked against the bytes that are
    /// left before anything is sliced or allocated, so a corrupted length can never make the reader allocate more than
    /// the file's own size; every problem is an <see cref="OnnxFormatException"/> naming the file offset.
    /// </summary>
    /// <remarks>
    /// A mutable struct: a reader per nested message would otherwise be an allocation per message, and a file of empty
    /// messages (two bytes each) would cost 16 bytes of reader per input byte. Pass it by <c>ref</c> to a helper that
    /// reads on the caller's behalf; a copy reads on its own.
    /// </remarks>
    internal struct ProtobufReader
    {
        private readonly byte[] _bytes;
        private readonly int _end;
        private int _position;

        public ProtobufReader(byte[] bytes, int start, int end)
        {
            _bytes = bytes;
            _position = start;
            _end = end;
        }

        /// <summary>The file offset of the next byte.</summary>
        public int Position => _position;

        public bool AtEnd => _position >= _end;

        /// <summary>Reads the next field's tag.</summary>
        public (int Field, WireType Wire) ReadTag()
        {
            int at = _position;
            ulong tag = ReadVarint();
            ulong field = tag >> 3;
            var wire = (WireType)(tag & 7);
            if (field == 0 || field > 536870911)
                throw Malformed(at, $"field number {field} is outside protobuf's range 1..536870911");
            if (wire is WireType.StartGroup or WireType.EndGroup || (int)wire > 5)
                throw Malformed(at, $"wire type {(int)wire} is not used by ONNX (groups are deprecated; 6 and 7 are invalid)");
            return ((int)field, wire);
        }

        public ulong ReadVarint()
        {
            int at = _position;
            ulong value = 0;
            for (int shift = 0; shift < 64; shift += 7)
            {
                if (_position >= _end) throw Malformed(at, "a varint runs past the end of its message");
                byte b = _bytes[_position++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    // The tenth byte may only carry the top bit of a 64-bit value.
                    if (shift == 63 && b > 1) throw Malformed(at, "a varint is longer than 64 bits");
                    return value;
                }
            }

            throw Malformed(at, "a varint is longer than 10 bytes");
        }

        public long ReadInt64() => unchecked((long)ReadVarint());

        /// <summary>Reads an <c>int32</c>/enum varint, which protobuf sign-extends to 64 bits.</summary>
        public int ReadInt32(string what)
        {
            int at = _position;
            long value = ReadInt64();
            if (value < int.MinValue || value > int.MaxValue) throw Malformed(at, $"{what} {value} does not fit in 32 bits");
            return (int)value;
        }

        public uint ReadFixed32()
        {
            Require(4, "a fixed32 value");
            uint value = (uint)(_bytes[_position] | _bytes[_position + 1] << 8 | _bytes[_position + 2] << 16 | _bytes[_position + 3] << 24);
            _position += 4;
            return value;
        }

        public float ReadFloat()
        {
            uint bits = ReadFixed32();
            // BitConverter.Int32BitsToSingle is missing from netstandard2.0.
            return BitConverter.ToSingle(BitConverter.GetBytes(bits), 0);
        }

        /// <summary>Reads a length-delimited field and returns its window (start offset and length).</summary>
        public (int Start, int Length) ReadLengthDelimited()
        {
            int at = _position;
            ulong length = ReadVarint();
            if (length > (ulong)(_end - _position))
                throw Malformed(at, $"a field claims {length} bytes but its message has {_end - _position} left");
            int start = _position;
            _position += (int)length;
            return (start, (int)length);
        }

        public ProtobufReader ReadMessage()
        {
            (int start, int length) = ReadLengthDelimited();
            return new ProtobufReader(_bytes, start, start + length);
        }

        public string ReadString()
        {
            (int start, int length) = ReadLengthDelimited();
            try
            {
                return Strict.GetString(_bytes, start, length);
            }
            catch (DecoderFallbackException)
            {
                throw Malformed(start, "a string is not valid UTF-8");
            }
        }

        /// <summary>Skips a field of any wire type ONNX uses.</summary>
        public void Skip(WireType wire)
        {
            switch (wire)
            {
                case WireType.Varint:
                    ReadVarint();
                    break;
                case WireType.Fixed64:
                    Require(8, "a fixed64 value");
                    _position += 8;
                    break;
                case WireType.LengthDelimited:
                    ReadLengthDelimited();
                    break;
                case WireType.Fixed32:
                    Require(4, "a fixed32 value");
                    _position += 4;
                    break;
                default:
                    throw Malformed(_position, $"wire type {(int)wire} cannot be skipped");
            }
        }

        /// <summary>Checks that a field has the wire type its schema gives it.</summary>
        public void Expect(WireType actual, WireType expected, string field)
        {
            if (actual != expected) throw Malformed(_position, $"{field} has wire type {(int)actual}; onnx.proto gives it {(int)expected}");
        }

        public byte[] Bytes => _bytes;

        public static OnnxFormatException Malformed(int offset, string message) =>
            new(OnnxErrorKind.Malformed, "byte " + offset.ToString(CultureInfo.InvariantCulture) + ": " + message);

        private void Require(int count, string what)
        {
            if (_end - _position < count) throw Malformed(_position, $"{what} runs past the end of its message");
        }

        private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    }
}
