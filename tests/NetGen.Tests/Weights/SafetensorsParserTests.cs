using System;
using System.Linq;
using NetGen.Safetensors;
using Xunit;

namespace NetGen.Tests.Weights;

/// <summary>The shared safetensors parser on its own: the spec's rules and hostile headers, reported as values.</summary>
public class SafetensorsParserTests
{
    private const string A8 = "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

    private static SafetensorsError? Parse(byte[] file, out SafetensorsHeader? header)
    {
        header = null;
        SafetensorsError? error = SafetensorsParser.ReadHeaderLength(file.AsSpan(0, Math.Min(8, file.Length)), file.Length, out long n);
        return error ?? SafetensorsParser.ParseHeader(file.AsSpan(8, (int)n), file.Length - 8 - n, out header);
    }

    private static SafetensorsHeader Valid(string json, int dataLength)
    {
        SafetensorsError? error = Parse(SafetensorsBytes.Build(json, dataLength), out SafetensorsHeader? header);
        Assert.True(error is null, error?.ToString());
        return header!;
    }

    private static SafetensorsError Invalid(byte[] file, string expected)
    {
        SafetensorsError? error = Parse(file, out _);
        Assert.NotNull(error);
        Assert.Contains(expected, error!.ToString());
        return error;
    }

    private static SafetensorsError Invalid(string json, int dataLength, string expected) => Invalid(SafetensorsBytes.Build(json, dataLength), expected);

    [Fact]
    public void ParsesTensorsMetadataEscapesAndPadding()
    {
        string json = "{\"__metadata__\":{\"k\":\"v\\u00e9\\ud83d\\ude00\\n\"}," + A8
                      + ",\"caf\u00e9\":{\"data_offsets\":[8,20],\"dtype\":\"I32\",\"shape\":[3,1],\"extra\":{\"x\":[1,-2.5e3,true,null]}}}   ";
        SafetensorsHeader h = Valid(json, 20);
        Assert.Equal(new[] { "a", "caf\u00e9" }, h.Tensors.Select(t => t.Name));
        Assert.Equal("v\u00e9\U0001F600\n", h.Metadata["k"]);
        SafetensorsTensorInfo t = h.Find("caf\u00e9")!;
        Assert.Equal(new long[] { 3, 1 }, t.Shape);
        Assert.Equal((8, 20), (t.Begin, t.End));
        Assert.Equal(8 + h.HeaderLength, h.DataStart);
    }

    [Fact]
    public void EmptyHeaderWithNoDataIsValid() => Assert.Empty(Valid("{}", 0).Tensors);

    [Fact]
    public void ScalarAndZeroSizeTensors()
    {
        SafetensorsHeader h = Valid("{\"s\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]},\"z\":{\"dtype\":\"F32\",\"shape\":[0,5],\"data_offsets\":[8,8]}}", 8);
        Assert.Equal(2, h.Tensors.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void TooShortForTheLengthPrefix(int length) => Invalid(new byte[length], $"the file is {length} bytes long");

    [Fact]
    public void HeaderLengthBeyondTheFile()
    {
        byte[] file = SafetensorsBytes.Build("{" + A8 + "}", 8);
        file[0] += 100;
        Invalid(file, "byte 0: the header length is");
    }

    [Fact]
    public void HeaderClaimingGigabytesIsRejectedWithoutAllocating()
    {
        byte[] file = SafetensorsBytes.Build("{}", 0);
        BitConverter.TryWriteBytes(file.AsSpan(0, 8), 5L << 30);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Invalid(file, "above the 104857600-byte limit");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 100_000);
        BitConverter.TryWriteBytes(file.AsSpan(0, 8), ulong.MaxValue);
        Invalid(file, "above the 104857600-byte limit");
    }

    [Theory]
    [InlineData("[]", "must begin with '{'")]
    [InlineData(" {}", "must begin with '{'")]
    [InlineData("{\"__metadata__\":{\"k\":\"v\",}}", "expected a string")]
    [InlineData("{\"a\":1}", "expected '{'")]
    [InlineData("{\"a\"}", "expected ':'")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}", "expected '}'")]
    [InlineData("{} x", "unexpected bytes after the header")]
    [InlineData("{\"a\":{\"dtype\":\"F32\u0001\"}}", "control character 0x01")]
    [InlineData("{\"a\\q\":{}}", "invalid escape sequence")]
    [InlineData("{\"\\ud800\":{}}", "lone high surrogate")]
    [InlineData("{\"\\udc00\":{}}", "lone low surrogate")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[02],\"data_offsets\":[0,8]}}", "leading zeros")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", "expected a non-negative integer")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2.0],\"data_offsets\":[0,8]}}", "fraction or exponent")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[99999999999999999999],\"data_offsets\":[0,8]}}", "integer is too large")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"x\":tru}}", "invalid literal")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"x\":1.}}", "decimal point must be followed by digits")]
    [InlineData("{\"__metadata__\":{\"k\":1}}", "metadata value for 'k' must be a string")]
    [InlineData("{\"__metadata__\":{\"k\":\"a\",\"k\":\"b\"}}", "metadata key 'k' appears twice")]
    [InlineData("{\"__metadata__\":{},\"__metadata__\":{}}", "'__metadata__' appears twice")]
    public void MalformedJson(string json, string expected) => Invalid(json, 8, expected);

    [Fact]
    public void InvalidUtf8InANameIsRejected()
    {
        byte[] file = SafetensorsBytes.Build("{\"ab\":{}}", 0);
        file[10] = 0xC0; // overlong lead byte
        Invalid(file, "invalid UTF-8");
    }

    [Fact]
    public void DeepNestingIsRejectedNotAStackOverflow()
    {
        string deep = new string('[', 100_000) + new string(']', 100_000);
        Invalid("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"x\":" + deep + "}}", 8, "nesting deeper than 64");
    }

    [Theory]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", 16, "tensor 'a' appears twice")]
    [InlineData("{\"a\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "tensor 'a' has no 'dtype' field")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", 8, "tensor 'a' has no 'shape' field")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8, "tensor 'a' has no 'data_offsets' field")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "two 'dtype' fields")]
    [InlineData("{\"a\":{\"dtype\":\"F31\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "unknown dtype 'F31'")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8,9]}}", 8, "exactly 2 numbers")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8, "end is before begin")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,16]}}", 8, "beyond the 8-byte data buffer")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8, "needs 12 bytes but its data_offsets [0, 8] span 8")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,8]}}", 8, "too large to address")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12, "tensor 'b' (data_offsets [4, 12]) overlaps tensor 'a'")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12, "leaving bytes 0..3 of the data buffer unused")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 9, "cover 8 bytes of the data buffer but it holds 9")]
    public void TensorEntriesAndOffsetsAreChecked(string json, int dataLength, string expected)
    {
        SafetensorsError error = Invalid(json, dataLength, expected);
        Assert.Equal(SafetensorsErrorKind.Malformed, error.Kind);
        Assert.True(error.ByteOffset >= 0);
    }

    [Fact]
    public void ErrorOffsetsAreFileOffsets()
    {
        // The error is the 'x' at index 3 of the JSON, i.e. file byte 8 + 3.
        SafetensorsError error = Invalid("{} x", 0, "unexpected bytes");
        Assert.Equal(11, error.ByteOffset);
    }
}
