using System;
using System.Globalization;
using System.Linq;
using System.Text;
using CsCheck;
using NetGen.Tests.Data;
using NetGen.Tests.Onnx;
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

    /// <summary>How one generated ONNX layer is written: the exporter style, its activation and how its weights are stored.</summary>
    private readonly record struct OnnxLayer(int Units, int Style, string Activation, float Alpha, int Storage, int Damage);

    /// <summary>The ONNX target's network, PyTorchOnnxNetwork: its layer widths and activations.</summary>
    private static readonly int[] OnnxUnits = { 16, 8, 3, 3 };

    private static readonly string[] OnnxActivations = { "Tanh", "LeakyRelu", "Softmax", "Softmax" };

    private static readonly string[] OtherActivations = { "Relu", "Elu", "Selu", "Sigmoid", "Softsign", "Identity", "Dropout", "Flatten", "none", "Conv", "Gelu", "Softmax", "Tanh" };

    private static Gen<OnnxLayer> OnnxLayerGen(int index) =>
        Gen.Select(Gen.Frequency((10, Gen.Const(OnnxUnits[index])), (1, Gen.OneOf(0, 1, 4, 17, 1 << 20))),
            Gen.Int[0, 5],
            Gen.Frequency((10, Gen.Const(OnnxActivations[index])), (1, Gen.OneOf(OtherActivations))),
            Gen.Frequency((10, Gen.Const(0.2f)), (1, Gen.OneOf(0.01f, 0.3f, float.NaN, float.PositiveInfinity, -1f))),
            Gen.Frequency((6, Gen.Int[0, 2]), (1, Gen.Int[3, 7])),
            Gen.Frequency((12, Gen.Const(0)), (1, Gen.Int[1, 6])),
            (units, style, activation, alpha, storage, damage) => new OnnxLayer(units, style, activation, alpha, storage, damage));

    /// <summary>
    /// An ONNX model from the grammar of the exporters NetGen reads: usually three layers of the ONNX target's network
    /// (4-16 Tanh-8 LeakyRelu(0.2)-3 Softmax) written as torch.onnx.export (Gemm, transB), tf2onnx (Gemm) or skl2onnx
    /// (MatMul + Add) writes them, weights as raw_data, float_data or Constant nodes; each choice sometimes replaced by
    /// one the reader must refuse: another width or activation, an alpha that is NaN, weights of type DOUBLE or INT64,
    /// one value too many, a NaN weight, dims with an extra axis, a zero, 2^40 or 2^62, a graph input of the wrong rank
    /// or type, an output that is not the chain's end, a standardizer (Sub/Div) of the wrong width or with a zero, NetGen
    /// metadata with bad numbers.
    /// </summary>
    public static Gen<byte[]> Onnx() =>
        Gen.Select(Gen.Frequency((8, Gen.Const(3)), (1, Gen.Int[0, 4])),
            Gen.Select(OnnxLayerGen(0), OnnxLayerGen(1), OnnxLayerGen(2), OnnxLayerGen(3), (a, b, c, d) => new[] { a, b, c, d }),
            Gen.Frequency((8, Gen.Const(0)), (1, Gen.Int[1, 5])),
            Gen.Frequency((6, Gen.Const(0)), (1, Gen.Int[1, 5])),
            Gen.Frequency((8, Gen.Const(0)), (1, Gen.Int[1, 4])),
            Gen.Frequency((8, Gen.Const(13L)), (1, Gen.OneOf(1L, 7L, 11L, 12L, 18L, 0L, -1L))),
            (count, layers, inputKind, standardizer, outputKind, opset) => BuildOnnx(count, layers, inputKind, standardizer, outputKind, opset));

    private static byte[] BuildOnnx(int count, OnnxLayer[] layers, int inputKind, int standardizer, int outputKind, long opset)
    {
        const int Float = 1, Int64 = 7, Double = 11;
        var g = new OnnxBytes(opset);
        object?[] inputDims = inputKind switch
        {
            1 => new object?[] { "N", 5L },
            2 => new object?[] { 4L },
            3 => new object?[] { "N", 4L, 1L },
            _ => new object?[] { "N", 4L },
        };
        g.Input("input", inputKind == 4 ? Int64 : inputKind == 5 ? 0 : Float, inputDims);
        string current = "input";
        int tensors = 0;

        // Writes a tensor of the given dims as an initializer or a Constant node, stored the way `storage` says.
        void Tensor(string name, long[] dims, int storage, int damage)
        {
            long described = dims.Aggregate(1L, (p, d) => d <= 0 ? 0 : Math.Min(p * d, 1 << 16));
            dims = damage switch
            {
                1 => new long[] { 1 }.Concat(dims).ToArray(),
                2 => dims.Reverse().ToArray(),
                3 => dims.Length > 0 ? dims.Take(dims.Length - 1).Append(1L << 40).ToArray() : new[] { 1L << 40 },
                4 => dims.Length > 0 ? dims.Take(dims.Length - 1).Append(0L).ToArray() : new[] { 0L },
                5 => dims.Length > 1 ? new[] { 4L, 1L << 62 } : new[] { 1L << 62 },
                6 => Array.Empty<long>(),
                _ => dims,
            };
            var values = new float[(int)described];
            for (int i = 0; i < values.Length; i++) values[i] = ((i * 7 + tensors * 3) % 13 - 6) * 0.05f;
            tensors++;
            switch (storage)
            {
                case 1: g.Initializer(name, dims, values, raw: false); break;
                case 2: g.Node("Constant", Array.Empty<string>(), new[] { name }, "", "", ("value", (dims, values))); break;
                case 3: g.RawInitializer(name, dims, Double, new byte[values.Length * 8]); break;
                case 4: g.Initializer(name, dims, values.Append(0.5f).ToArray()); break;
                case 5: g.Initializer(name, dims, values.Length > 0 ? values.Select((v, i) => i == values.Length / 2 ? float.NaN : v).ToArray() : new[] { float.NaN }); break;
                case 6: g.RawInitializer(name, dims, Int64, new byte[values.Length * 8]); break;
                case 7: g.Initializer(name, dims, values.Take(Math.Max(0, values.Length - 1)).ToArray(), raw: false); break;
                default: g.Initializer(name, dims, values); break;
            }
        }

        if (standardizer > 0)
        {
            long width = standardizer == 4 ? 5 : 4;
            if (standardizer != 3)
            {
                Tensor("mean", new[] { width }, 0, 0);
                g.Node("Sub", new[] { current, "mean" }, new[] { "centred" });
                current = "centred";
            }

            if (standardizer != 2)
            {
                if (standardizer == 5) g.Initializer("std", new[] { width }, new[] { 1f, 0f, 1f, 1f });
                else g.Initializer("std", new[] { width }, new[] { 0.5f, 1f, 2f, 4f }.Take((int)width).Concat(new[] { 1f }).Take((int)width).ToArray());
                g.Node("Div", new[] { current, "std" }, new[] { "scaled" });
                current = "scaled";
            }
        }

        long inputs = 4;
        for (int i = 0; i < count; i++)
        {
            OnnxLayer layer = layers[i];
            string w = $"w{i}", b = $"b{i}", z = $"z{i}";
            long units = layer.Units;
            switch (layer.Style)
            {
                case 0: // torch.onnx.export: Gemm with transB
                    Tensor(w, new[] { units, inputs }, layer.Storage, layer.Damage);
                    Tensor(b, new[] { units }, 0, 0);
                    g.Node("Gemm", new[] { current, w, b }, new[] { z }, $"/{i}/Gemm", "", ("transB", 1L));
                    break;
                case 1: // tf2onnx: Gemm without transB, alpha and beta spelled out
                    Tensor(w, new[] { inputs, units }, layer.Storage, layer.Damage);
                    Tensor(b, new[] { 1, units }, 0, 0);
                    g.Node("Gemm", new[] { current, w, b }, new[] { z }, "", "", ("alpha", 1f), ("beta", 1f));
                    break;
                case 2: // skl2onnx: MatMul then Add
                case 5: // the same with the bias as Add's first input
                    Tensor(w, new[] { inputs, units }, layer.Storage, layer.Damage);
                    Tensor(b, new[] { 1, units }, layer.Style == 5 ? 1 : 0, 0);
                    g.Node("MatMul", new[] { current, w }, new[] { z + "m" }, "MatMul" + i);
                    g.Node("Add", layer.Style == 5 ? new[] { b, z + "m" } : new[] { z + "m", b }, new[] { z }, "Add" + i);
                    break;
                case 3: // Gemm with scaled weights and bias
                    Tensor(w, new[] { units, inputs }, layer.Storage, layer.Damage);
                    Tensor(b, new[] { units }, 0, 0);
                    g.Node("Gemm", new[] { current, w, b }, new[] { z }, "", "", ("transB", 1L), ("alpha", 2f), ("beta", 0.5f));
                    break;
                default: // Gemm without bias
                    Tensor(w, new[] { units, inputs }, layer.Storage, layer.Damage);
                    g.Node("Gemm", new[] { current, w }, new[] { z }, "", "", ("transB", 1L));
                    break;
            }

            current = z;
            inputs = units;
            if (layer.Activation == "none") continue;
            string a = $"a{i}";
            (string, object)[] attributes = layer.Activation switch
            {
                "LeakyRelu" or "Elu" => float.IsInfinity(layer.Alpha) ? Array.Empty<(string, object)>() : new (string, object)[] { ("alpha", layer.Alpha) },
                "Softmax" => layer.Alpha < 0 ? new (string, object)[] { ("axis", 0L) } : new (string, object)[] { ("axis", layer.Alpha == 0.3f ? -1L : 1L) },
                "Flatten" => new (string, object)[] { ("axis", 1L) },
                _ => Array.Empty<(string, object)>(),
            };
            g.Node(layer.Activation, new[] { current }, new[] { a }, "", "", attributes);
            current = a;
        }

        switch (outputKind)
        {
            case 1: g.Output("elsewhere", Float, "N", 3L); break;
            case 2: g.Output(current, Int64, "N", 3L); break;
            case 3:
                g.Opset("ai.onnx.ml", 1).Node("ArgMax", new[] { current }, new[] { "label" }, "", "", ("axis", 1L))
                    .Node("ZipMap", new[] { current }, new[] { "probabilities" }, "", "ai.onnx.ml").Output("label", Int64, (object?)null).SequenceOutput("probabilities");
                break;
            case 4:
                g.Output(current, Float, "N", 3L).Metadata("netgen.standardizer.means", "1,2,3,4").Metadata("netgen.standardizer.stds", inputKind == 0 ? "1,1,0,1" : "1,1,1");
                break;
            default: g.Output(current, Float, "N", 3L); break;
        }

        return g.Build();
    }

    /// <summary>
    /// Large ONNX files made of one element repeated up to 4,000 times (empty nodes, nodes with only an op_type,
    /// initializers with distinct names, graph inputs and outputs, attributes, dims entries, shape dims, metadata
    /// entries, node inputs and outputs), inside an otherwise valid model: the per-byte allocation bound meets the
    /// inputs where the parser's per-element cost, not the constant, dominates.
    /// </summary>
    public static Gen<byte[]> OnnxBulk() =>
        Gen.Select(Gen.Int[0, 13], Gen.Int[1, 4000], (kind, count) => BuildOnnxBulk(kind, count));

    /// <summary>One kind of element repeated <paramref name="count"/> times; kinds 11 to 13 are the cheapest messages there are, two bytes each.</summary>
    public static byte[] BuildOnnxBulk(int kind, int count)
    {
        if (kind >= 11)
        {
            // Empty nodes (GraphProto field 1), graph inputs (11) or outputs (12): tag and a zero length.
            byte tag = kind == 11 ? (byte)0x0A : kind == 12 ? (byte)0x5A : (byte)0x62;
            byte[] graph = Enumerable.Range(0, count).SelectMany(_ => new byte[] { tag, 0 }).ToArray();
            var model = new System.Collections.Generic.List<byte> { 0x08, 0x07, 0x42, 0x02, 0x10, 0x0D, 0x3A };
            for (ulong n = (ulong)graph.Length; ; n >>= 7)
            {
                if (n < 0x80) { model.Add((byte)n); break; }
                model.Add((byte)(n | 0x80));
            }

            model.AddRange(graph);
            return model.ToArray();
        }

        var g = new OnnxBytes().Input("input", 1, "N", 4L);
        string Name(int i) => ((char)('a' + i % 26)).ToString() + (i >= 26 ? (i / 26).ToString(CultureInfo.InvariantCulture) : "");
        switch (kind)
        {
            case 0: for (int i = 0; i < count; i++) g.Node("", Array.Empty<string>(), Array.Empty<string>()); break;
            case 1: for (int i = 0; i < count; i++) g.Node("ArgMax", Array.Empty<string>(), Array.Empty<string>()); break;
            case 2: for (int i = 0; i < count; i++) g.Initializer(Name(i), Array.Empty<long>(), Array.Empty<float>()); break;
            case 3: for (int i = 0; i < count; i++) g.Input(Name(i), 1); break;
            case 4: for (int i = 0; i < count; i++) g.Output(Name(i), 1); break;
            case 5: g.Node("Relu", new[] { "input" }, new[] { "y" }, "", "", Enumerable.Range(0, count).Select(i => (Name(i), (object)1L)).ToArray()); break;
            case 6: g.Initializer("w", Enumerable.Repeat(1L, count).ToArray(), new[] { 1f }); break;
            case 7: g.Input("wide", 1, Enumerable.Repeat((object?)null, count).ToArray()); break;
            case 8: for (int i = 0; i < count; i++) g.Metadata(Name(i), ""); break;
            case 9: g.Node("Identity", new[] { "input" }, Enumerable.Repeat("", count).Prepend("y").ToArray()); break;
            default:
                // A chain node with many second outputs, then many nodes with many inputs: any search of the nodes' inputs per output is quadratic.
                g.Node("Identity", new[] { "input" }, Enumerable.Range(0, count / 2).Select(Name).Prepend("y").ToArray());
                g.Node("ArgMax", Enumerable.Repeat("", count).ToArray(), new[] { "z" });
                break;
        }

        return g.Output("y", 1, "N", 4L).Build();
    }

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
