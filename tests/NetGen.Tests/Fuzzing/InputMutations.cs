using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;

namespace NetGen.Tests.Fuzzing;

/// <summary>
/// CsCheck generators that damage valid files the way storage, transfers and hostile writers do: truncation, bit flips,
/// bytes that parsers treat specially, insertions, deletions, duplicated and swapped ranges, and splices of two seeds.
/// A quarter of the positions fall in the first 64 bytes, where every format keeps its size fields.
/// </summary>
public static class InputMutations
{
    /// <summary>Bytes with meaning to one of the parsers (gzip magic, JSON and CSV punctuation, digits, signs, BOM bytes).</summary>
    private static readonly byte[] Special =
        { 0x00, 0x01, 0x03, 0x08, 0xFF, 0x7F, 0x80, 0x1F, 0x8B, 0xEF, 0xBB, 0xBF, (byte)'"', (byte)',', (byte)'\n', (byte)'\r',
          (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)':', (byte)'\\', (byte)'0', (byte)'9', (byte)'-', (byte)'.', (byte)'e', (byte)' ' };

    /// <summary>Whole tokens worth inserting: numbers at type limits, JSON keywords, CSV words.</summary>
    private static readonly string[] Tokens =
        { "18446744073709551615", "9223372036854775808", "4294967296", "2147483648", "-1", "1e309", "NaN", "Infinity", "-0",
          "null", "true", "\"\"", "\\u0000", "\\ud800", "{}", "[]", "[0,0]", "\"F32\"", "\"dtype\"", "\"shape\"", "\"data_offsets\"",
          "\"__metadata__\"", ",,,,", "\"\"\"", "\r\n\r\n", "\uFEFF" };

    /// <summary>One damaged copy of one of <paramref name="seeds"/>.</summary>
    public static Gen<byte[]> Of(IReadOnlyList<byte[]> seeds) =>
        Gen.Select(Gen.Int[0, seeds.Count - 1], Gen.Int[0, seeds.Count - 1], Step.Array[1, 6], (a, b, steps) =>
        {
            byte[] bytes = seeds[a];
            foreach (MutationStep step in steps) bytes = step.Apply(bytes, seeds[b]);
            return bytes;
        });

    private static readonly Gen<MutationStep> Step =
        Gen.Select(Gen.Int[0, 8], Gen.Frequency((1, Gen.Int[0, 63]), (3, Gen.Int[0, int.MaxValue])), Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue],
            (kind, position, length, value) => new MutationStep(kind, position, length, value));

    /// <summary>One edit; positions and lengths are taken modulo the input's size when applied.</summary>
    private readonly record struct MutationStep(int Kind, int Position, int Length, int Value)
    {
        public byte[] Apply(byte[] input, byte[] other)
        {
            if (input.Length == 0) return Kind == 5 ? Insert(input, 0, Token()) : input;
            int at = Position % input.Length;
            int span = 1 + Length % Math.Min(16, input.Length - at);
            switch (Kind)
            {
                case 0: return input[..(Length % input.Length)];
                case 1:
                {
                    byte[] b = (byte[])input.Clone();
                    b[at] ^= (byte)(1 << (Value % 8));
                    return b;
                }
                case 2:
                {
                    byte[] b = (byte[])input.Clone();
                    b[at] = Value % 2 == 0 ? Special[Value / 2 % Special.Length] : (byte)(Value >> 8);
                    return b;
                }
                case 3: return Insert(input, at, new[] { Special[Value % Special.Length] });
                case 4: return [.. input[..at], .. input[(at + span)..]];
                case 5: return Insert(input, at, Token());
                case 6: return Insert(input, at + span, input[at..(at + span)]);
                case 7:
                {
                    // Swap two ranges of equal length.
                    byte[] b = (byte[])input.Clone();
                    int to = Value % input.Length, n = Math.Min(span, input.Length - to);
                    byte[] first = input[at..(at + n)];
                    Array.Copy(input, to, b, at, n);
                    Array.Copy(first, 0, b, to, n);
                    return b;
                }
                default:
                {
                    // Splice: this input's head on another seed's tail.
                    int from = other.Length == 0 ? 0 : Value % other.Length;
                    return [.. input[..at], .. other[from..]];
                }
            }
        }

        private byte[] Token() => System.Text.Encoding.UTF8.GetBytes(Tokens[Value % Tokens.Length]);

        private static byte[] Insert(byte[] input, int at, byte[] what) => [.. input[..at], .. what, .. input[at..]];
    }

    /// <summary>Random bytes of up to <paramref name="maxLength"/>, optionally behind a fixed <paramref name="prefix"/>.</summary>
    public static Gen<byte[]> Random(int maxLength, byte[]? prefix = null) =>
        Gen.Byte.Array[0, maxLength].Select(tail => prefix is null ? tail : prefix.Concat(tail).ToArray());
}
