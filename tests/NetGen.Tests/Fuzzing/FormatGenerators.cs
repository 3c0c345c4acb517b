using System;
using System.Globalization;
using System.Linq;
using System.Text;
using CsCheck;
using NetGen.Tests.Data;
using NetGen.Tests.Weights;

namespace NetGen.Tests.Fuzzing;

/// <summary>
/// CsCheck generators that build inputs from each format's grammar, with every field drawn from values that sit on the
/// parser's decision boundaries (0, 1, sizes that overflow 32 or 64 bits, wrong types), so structurally plausible files
/// reach the deep checks that random damage to a seed rarely gets past.
/// </summary>
public static class FormatGenerators
{
    private static readonly Gen<int> IdxSize = Gen.Frequency(
        (6, Gen.Int[1, 6]), (1, Gen.Const(0)), (1, Gen.Int[int.MinValue, -1]), (1, Gen.Int[0x10000, int.MaxValue]), (1, Gen.Const(20)));

    /// <summary>An IDX file: magic <c>00 00 08 n</c> (or a near miss), n sizes and a data length that may disagree with them.</summary>
    public static Gen<byte[]> Idx(int dimensions) =>
        Gen.Select(Gen.Frequency((8, Gen.Const(0x800 | dimensions)), (1, Gen.Int[0, 0x10FF]), (1, Gen.Int)),
            Gen.Frequency((8, Gen.Const(dimensions)), (1, Gen.Int[0, 4])).SelectMany(n => IdxSize.Array[n]),
            Gen.Frequency((4, Gen.Const(-1)), (1, Gen.Int[0, 400])), Gen.Int,
            (magic, sizes, dataLength, fill) =>
            {
                long described = sizes.Aggregate(1L, (p, s) => s <= 0 ? 0 : Math.Min(p * s, 1 << 20));
                int length = dataLength >= 0 ? dataLength : (int)Math.Min(described, 4096);
                var data = new byte[length];
                new Random(fill).NextBytes(data); // labels above the class count, every pixel value
                return IdxWriter.Build(magic, sizes, data);
            });

    private static readonly string[] CsvTokens =
        { "1", "0", "2.5", "-3e2", "1e39", "-1e-50", "NaN", "Infinity", "-Infinity", "0x1F", "1,5", "abc", "species", "setosa", "",
          ",", ",", ",", "\n", "\n", "\r\n", "\r", "\"", "\"\"", "\"a,b\"", "\"x\ny\"", " ", "\t", "\uFEFF", "\u00e9", "\0", "\ud800", "07", "7" };

    /// <summary>CSV text: a header that may or may not name the target, then a soup of numbers, separators, quotes and line ends.</summary>
    public static Gen<byte[]> Csv() =>
        Gen.Select(Gen.OneOf("a,b,species\n", "species\n", "a,species,species\n", "a,b,c\n", "", "\"species\",x\r\n"),
            Gen.OneOf(CsvTokens).Array[0, 80],
            (header, tokens) => Encoding.UTF8.GetBytes(header + string.Concat(tokens)));

    /// <summary>
    /// Large CSV files: one generated row repeated up to 3,000 times, so the per-byte allocation bound is tested on inputs
    /// where it, not the constant, dominates (one-character lines are the costliest per byte).
    /// </summary>
    public static Gen<byte[]> CsvBulk() =>
        Gen.Select(Gen.OneOf("a,b,species\n", "species\n", ""), Gen.OneOf(CsvTokens).Array[1, 8], Gen.Int[1, 3000],
            (header, row, count) => Encoding.UTF8.GetBytes(header + string.Concat(Enumerable.Repeat(string.Concat(row) + "\n", count))));

    /// <summary>The bytes compressed with gzip, so the parser behind the decompression sees them.</summary>
    public static Gen<byte[]> Gzipped(Gen<byte[]> inner) => inner.Select(IdxWriter.Gzip);

    private static readonly string[] TensorNames =
        { "layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias", "0.weight", "0.bias", "2.weight", "2.bias",
          "net.0.weight", "net.0.bias", "layers.2.weight", "x", "", "layers.0.weight\u0000" };

    private static readonly string[] DTypes = { "F32", "F32", "F32", "F16", "BF16", "F64", "I8", "BOOL", "f32", "F8_E4M3", "X" };

    private static readonly Gen<long> Dimension = Gen.Frequency(
        (3, Gen.OneOf(16L, 4L, 3L)), (1, Gen.Long[0, 2]), (1, Gen.OneOf(1L << 31, 1L << 32, 1L << 62, long.MaxValue)), (1, Gen.Long[0, 100]));

    private readonly record struct TensorEntry(string Name, string DType, long[] Shape, bool Consistent, long Begin, long End);

    private static readonly Gen<TensorEntry> Tensor = Gen.Select(Gen.OneOf(TensorNames), Gen.OneOf(DTypes), Dimension.Array[0, 3],
        Gen.Frequency((4, Gen.Const(true)), (1, Gen.Const(false))), Gen.Long[0, 600], Gen.Long[0, 600],
        (name, dtype, shape, consistent, begin, end) => new TensorEntry(name, dtype, shape, consistent, begin, end));

    /// <summary>
    /// A safetensors file: tensors with generated names, dtypes and shapes whose data_offsets usually tile the buffer
    /// (so the file gets past the container checks and meets the layer matching) and sometimes do not; a length prefix
    /// that is usually right; a data buffer of the described size or not, filled with floats that include NaN.
    /// </summary>
    public static Gen<byte[]> Safetensors() =>
        Gen.Select(Tensor.Array[0, 5], Gen.Frequency((6, Gen.Const(0)), (1, Gen.Int[-40, 40])), Gen.Frequency((8, Gen.Const(-1L)), (1, Gen.Long)),
            Gen.Frequency((6, Gen.Float[-4f, 4f]), (1, Gen.OneOf(float.NaN, float.PositiveInfinity, float.MaxValue))),
            (tensors, dataSlack, prefix, value) =>
            {
                var json = new StringBuilder("{");
                long offset = 0;
                foreach (TensorEntry t in tensors)
                {
                    long elements = t.Shape.Aggregate(1L, (p, d) => p == 0 || d == 0 ? 0 : d > (1L << 20) / Math.Max(p, 1) ? 1L << 20 : p * d);
                    long size = elements * (t.DType.Contains("64") ? 8 : t.DType.Contains("16") ? 2 : t.DType.Contains("32") ? 4 : 1);
                    (long begin, long end) = t.Consistent ? (offset, offset + size) : (t.Begin, t.End);
                    offset = Math.Max(offset, end);
                    if (json.Length > 1) json.Append(',');
                    json.Append(Quote(t.Name)).Append(":{\"dtype\":").Append(Quote(t.DType)).Append(",\"shape\":[")
                        .Append(string.Join(",", t.Shape.Select(d => d.ToString(CultureInfo.InvariantCulture))))
                        .Append("],\"data_offsets\":[").Append(begin.ToString(CultureInfo.InvariantCulture)).Append(',')
                        .Append(end.ToString(CultureInfo.InvariantCulture)).Append("]}");
                }

                json.Append('}');
                int dataLength = (int)Math.Clamp(Math.Min(offset, 1 << 16) + dataSlack, 0, 1 << 16);
                byte[] data = new byte[dataLength];
                for (int i = 0; i + 4 <= dataLength; i += 4) BitConverter.TryWriteBytes(data.AsSpan(i), i == 4 ? value : i * 0.001f);
                byte[] file = SafetensorsBytes.Build(json.ToString(), data);
                if (prefix != -1) BitConverter.TryWriteBytes(file.AsSpan(0, 8), prefix);
                return file;
            });

    private static readonly string[] MetadataKeys =
    {
        "netgen.format_version", "netgen.architecture", "netgen.activations", "netgen.activations",
        "netgen.standardizer.means", "netgen.standardizer.means", "netgen.standardizer.stds", "netgen.standardizer.stds", "format",
    };

    private static readonly string[] FloatTexts = { "1", "0", "-1", "0.5", "1e-45", "3.4028235E+38", "NaN", "Infinity", "1e39", "", " 1", "0x1", "1.0.0", "\u0661" };

    private static readonly Gen<string> MetadataValue = Gen.Frequency(
        (3, Gen.OneOf(FloatTexts).Array[0, 6].Select(parts => string.Join(",", parts))),
        (2, Gen.OneOf("Relu", "Softmax", "Tanh", "LeakyRelu(0.2)", "Relu(0)", "Linear", "relu", "").Array[0, 3].Select(parts => string.Join(",", parts))),
        (1, Gen.String[0, 12]));

    /// <summary>
    /// A weight file whose tensors fit <c>IrisNet</c> exactly, with generated <c>__metadata__</c>: NetGen's keys with
    /// activation lists and standardizer float lists of every length and every kind of bad number, and duplicates.
    /// </summary>
    public static Gen<byte[]> WeightMetadata() =>
        Gen.Select(Gen.OneOf(MetadataKeys), MetadataValue).Array[0, 6].Select(pairs =>
        {
            var json = new StringBuilder("{\"__metadata__\":{");
            for (int i = 0; i < pairs.Length; i++)
                json.Append(i > 0 ? "," : "").Append(Quote(pairs[i].Item1)).Append(':').Append(Quote(pairs[i].Item2));
            json.Append("},\"layers.0.weight\":{\"dtype\":\"F32\",\"shape\":[16,4],\"data_offsets\":[0,256]},")
                .Append("\"layers.0.bias\":{\"dtype\":\"F32\",\"shape\":[16],\"data_offsets\":[256,320]},")
                .Append("\"layers.1.weight\":{\"dtype\":\"F32\",\"shape\":[3,16],\"data_offsets\":[320,512]},")
                .Append("\"layers.1.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[512,524]}}");
            return SafetensorsBytes.Build(json.ToString(), new byte[524]);
        });

    /// <summary>A JSON string literal; control characters and lone surrogates are escaped so the JSON itself stays valid.</summary>
    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in s)
        {
            if (c == '"' || c == '\\') sb.Append('\\').Append(c);
            else if (c < 0x20 || char.IsSurrogate(c)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }

        return sb.Append('"').ToString();
    }
}
