using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CsCheck;

namespace NetGen.Tests.Fuzzing;

/// <summary>
/// Structure-aware damage for protobuf files (ONNX): each seed is decoded into its field tree, one to four fields are
/// changed, and the tree is encoded again with every length recomputed, so the result is valid protobuf carrying wrong
/// values (an out-of-range data type, a dims entry of 2^62, a truncated raw_data, a Gemm renamed Conv, a node grafted
/// into a tensor) and reaches the checks behind the wire format that byte-level damage rarely gets past. Some edits
/// break the wire format on purpose: overlong varints, lengths that overrun their message or claim 2^63 bytes, wire
/// types ONNX never uses. The decoder is this file's own (it shares no code with NetGen's reader).
/// </summary>
public static class ProtobufMutations
{
    /// <summary>One damaged copy of one of <paramref name="seeds"/> (each must be a protobuf message).</summary>
    public static Gen<byte[]> Of(IReadOnlyList<byte[]> seeds)
    {
        List<PbField>[] trees = seeds.Select(s => PbField.Decode(s, 0, s.Length, 0) ?? throw new ArgumentException("a seed is not protobuf", nameof(seeds))).ToArray();
        return Gen.Select(Gen.Int[0, trees.Length - 1], Edit.Array[1, 4], (seed, edits) =>
        {
            List<PbField> tree = PbField.Clone(trees[seed]);
            foreach (EditStep edit in edits) edit.Apply(tree);
            return PbField.Encode(tree);
        });
    }

    private static readonly Gen<EditStep> Edit = Gen.Select(Gen.Int[0, 13], Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue],
        (kind, at, value, other) => new EditStep(kind, at, value, other));

    /// <summary>Varints on the decision boundaries of the reader: small enums and counts, int32 and int64 limits, -1 and -2 as protobuf encodes them.</summary>
    private static readonly ulong[] Varints =
        { 0, 1, 2, 3, 4, 6, 7, 8, 10, 11, 13, 16, 17, 0x7F, 0x80, int.MaxValue, 0x80000000, 0xFFFFFFFF, 1UL << 32, 1UL << 53, 1UL << 62,
          1UL << 63, ulong.MaxValue, ulong.MaxValue - 1 };

    /// <summary>Floats the reader must refuse or carry exactly (as fixed32 bits).</summary>
    private static readonly float[] Floats = { float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, float.MaxValue, float.Epsilon, 0.2f, 1f, 0f };

    /// <summary>Strings that are operator names, domains, attribute names and tensor names of the dense subset and just outside it.</summary>
    private static readonly string[] Strings =
        { "", "Gemm", "MatMul", "Add", "Sub", "Div", "Relu", "LeakyRelu", "Elu", "Selu", "Sigmoid", "Tanh", "Softmax", "Softsign", "Identity",
          "Flatten", "Dropout", "Constant", "ArgMax", "ZipMap", "Conv", "Gelu", "ai.onnx", "ai.onnx.ml", "com.microsoft", "alpha", "beta",
          "transA", "transB", "axis", "value", "input", "output", "X", "x", "probabilities", "netgen.standardizer.means",
          "netgen.standardizer.stds", "1,2,3,4", "NaN,1,1,1", "\u00e9", "a\u0000b" };

    private readonly record struct EditStep(int Kind, int At, int Value, int Other)
    {
        public void Apply(List<PbField> tree)
        {
            var all = new List<(List<PbField> Parent, int Index)>();
            PbField.Flatten(tree, all);
            if (all.Count == 0) return;
            (List<PbField> parent, int index) = all[At % all.Count];
            PbField field = parent[index];
            switch (Kind)
            {
                case 0: // a varint field gets a boundary value (a dims entry, a data type, an attribute type, ir_version, a dim_value)
                    field.Wire = 0;
                    field.Children = null;
                    field.Value = Value % 5 == 0 ? (ulong)(uint)Other : Varints[Value % Varints.Length];
                    break;
                case 1: // an overlong varint: continuation bytes past the value (up to 13 bytes, past protobuf's 10)
                    if (field.Wire == 2) field.LengthPadding = 1 + Value % 4;
                    else { field.Wire = 0; field.Children = null; field.ValuePadding = 1 + Value % 12; }
                    break;
                case 2: // a length that overruns its message (or falls short, leaving its tail to be read as fields)
                    field.Wire = 2;
                    field.LengthDelta = (Value % 4) switch
                    {
                        0 => 1 + Other % 16,
                        1 => -(1 + Other % 4),
                        2 => new[] { 1L << 31, 1L << 32, long.MaxValue, (1L << 62) + 1 }[Other % 4],
                        _ => 1,
                    };
                    break;
                case 3: // a truncated or extended payload: raw_data that no longer fits its dims, a cut string
                {
                    byte[] data = field.Payload();
                    field.Wire = 2;
                    field.Children = null;
                    field.Data = Value % 3 == 0 && data.Length > 0 ? data[..(Other % data.Length)]
                        : Value % 3 == 1 ? data.Concat(new byte[1 + Other % 7]).ToArray()
                        : data.Length > 0 ? data[(Other % data.Length)..] : data;
                    break;
                }
                case 4: // another string: an operator, domain, attribute or tensor name
                    field.Wire = 2;
                    field.Children = null;
                    field.Data = Encoding.UTF8.GetBytes(Strings[Value % Strings.Length]);
                    break;
                case 5: // another field number: a neighbour, a known field of some message, 0, or past protobuf's range
                    field.Number = (Value % 4) switch
                    {
                        0 => Math.Max(0, field.Number + (Other % 2 == 0 ? 1 : -1)),
                        1 => 1 + Other % 21,
                        2 => new[] { 0, 536870911, 536870912, 1 << 30 }[Other % 4],
                        _ => new[] { 1, 2, 4, 5, 7, 8, 9, 11, 12, 13, 14, 20 }[Other % 12],
                    };
                    break;
                case 6: // another wire type, including the deprecated groups and the invalid 6 and 7
                    field.Wire = Value % 8;
                    if (field.Wire == 2 && field.Children is null && field.Data is null) field.Data = Array.Empty<byte>();
                    break;
                case 7:
                    parent.RemoveAt(index);
                    break;
                case 8: // the field twice: a second graph, raw_data twice, a duplicate initializer or attribute
                    parent.Insert(index + 1 + Value % Math.Max(1, parent.Count - index), PbField.Clone(field));
                    break;
                case 9: // a subtree grafted into another message: a node inside a tensor, a tensor inside a dim
                {
                    (List<PbField> target, int at) = all[Value % all.Count];
                    if (target[at].Children is { } children) children.Insert(Other % (children.Count + 1), PbField.Clone(field));
                    else parent.Insert(index, PbField.Clone(target[at]));
                    break;
                }
                case 10: // a fixed32 value that is not a finite weight (or is one the reader must keep exactly)
                    field.Wire = 5;
                    field.Children = null;
                    field.Value = BitConverter.ToUInt32(BitConverter.GetBytes(Floats[Value % Floats.Length]), 0);
                    break;
                case 11: // two siblings swapped: an Add before its MatMul, an output before its input
                {
                    int other = Other % parent.Count;
                    (parent[index], parent[other]) = (parent[other], parent[index]);
                    break;
                }
                case 12: // a float's bits inside raw_data replaced: NaN, infinity
                {
                    if (field.Children is not null || field.Data is null || field.Data.Length < 4) goto case 0;
                    byte[] data = (byte[])field.Data.Clone();
                    int offset = Other % (data.Length / 4) * 4;
                    BitConverter.GetBytes(Floats[Value % 3]).CopyTo(data, offset);
                    field.Data = data;
                    break;
                }
                default: // the field repeated many times: dims entries, inputs, nodes (up to 200 copies and 64 KB)
                {
                    int copies = Math.Min(2 + Value % 199, 65536 / (8 + field.Payload().Length));
                    for (int i = 0; i < copies; i++) parent.Insert(index, PbField.Clone(field));
                    break;
                }
            }
        }
    }

    /// <summary>One decoded protobuf field; a length-delimited one keeps its children when they decode as a message.</summary>
    private sealed class PbField
    {
        public int Number;
        public int Wire;
        public ulong Value;
        public byte[]? Data;
        public List<PbField>? Children;
        public int ValuePadding;
        public int LengthPadding;
        public long LengthDelta;

        /// <summary>The fields in bytes[start..end], or null if they are not exactly a protobuf message.</summary>
        public static List<PbField>? Decode(byte[] bytes, int start, int end, int depth)
        {
            var fields = new List<PbField>();
            int p = start;
            while (p < end)
            {
                if (!TryVarint(bytes, ref p, end, out ulong tag)) return null;
                var field = new PbField { Number = (int)Math.Min(tag >> 3, int.MaxValue), Wire = (int)(tag & 7) };
                if (field.Number == 0) return null;
                switch (field.Wire)
                {
                    case 0:
                        if (!TryVarint(bytes, ref p, end, out field.Value)) return null;
                        break;
                    case 1:
                        if (end - p < 8) return null;
                        field.Value = BitConverter.ToUInt64(bytes, p);
                        p += 8;
                        break;
                    case 5:
                        if (end - p < 4) return null;
                        field.Value = BitConverter.ToUInt32(bytes, p);
                        p += 4;
                        break;
                    case 2:
                        if (!TryVarint(bytes, ref p, end, out ulong length) || length > (ulong)(end - p)) return null;
                        int n = (int)length;
                        // A payload that decodes as fields is treated as a message (names occasionally do too; edits to them stay valid protobuf).
                        field.Children = depth < 12 && n > 0 ? Decode(bytes, p, p + n, depth + 1) : null;
                        if (field.Children is null) field.Data = bytes[p..(p + n)];
                        p += n;
                        break;
                    default:
                        return null;
                }

                fields.Add(field);
            }

            return fields;
        }

        public static byte[] Encode(List<PbField> fields)
        {
            var output = new List<byte>();
            Encode(fields, output);
            return output.ToArray();
        }

        public byte[] Payload() => Children is not null ? Encode(Children) : Data ?? Array.Empty<byte>();

        private static void Encode(List<PbField> fields, List<byte> output)
        {
            foreach (PbField f in fields)
            {
                WriteVarint(output, ((ulong)(uint)f.Number << 3) | (uint)f.Wire, 0);
                switch (f.Wire)
                {
                    case 0:
                        WriteVarint(output, f.Value, f.ValuePadding);
                        break;
                    case 1:
                        output.AddRange(BitConverter.GetBytes(f.Value));
                        break;
                    case 5:
                        output.AddRange(BitConverter.GetBytes((uint)f.Value));
                        break;
                    case 2:
                        byte[] payload = f.Payload();
                        WriteVarint(output, unchecked((ulong)(payload.Length + f.LengthDelta)), f.LengthPadding);
                        output.AddRange(payload);
                        break;
                    default:
                        break; // groups and invalid wire types: the tag alone
                }
            }
        }

        private static void WriteVarint(List<byte> output, ulong value, int padding)
        {
            for (; value >= 0x80; value >>= 7) output.Add((byte)(value | 0x80));
            if (padding == 0)
            {
                output.Add((byte)value);
                return;
            }

            // Padding adds continuation bytes that carry zero bits: the same value, overlong (past 10 bytes: invalid).
            output.Add((byte)(value | 0x80));
            for (int i = 1; i < padding; i++) output.Add(0x80);
            output.Add(0);
        }

        private static bool TryVarint(byte[] bytes, ref int p, int end, out ulong value)
        {
            value = 0;
            for (int shift = 0; shift < 64 && p < end; shift += 7)
            {
                byte b = bytes[p++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80) return true;
            }

            return false;
        }

        public static List<PbField> Clone(List<PbField> fields) => fields.Select(Clone).ToList();

        public static PbField Clone(PbField f) => new()
        {
            Number = f.Number, Wire = f.Wire, Value = f.Value, Data = f.Data, Children = f.Children is null ? null : Clone(f.Children),
            ValuePadding = f.ValuePadding, LengthPadding = f.LengthPadding, LengthDelta = f.LengthDelta,
        };

        public static void Flatten(List<PbField> fields, List<(List<PbField>, int)> all)
        {
            for (int i = 0; i < fields.Count; i++)
            {
                all.Add((fields, i));
                if (fields[i].Children is { } children) Flatten(children, all);
            }
        }
    }
}
