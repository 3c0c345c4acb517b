using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace NetGen.Kernels;

/// <summary>
/// Inverted-dropout masks for generated networks' training passes. A unit's mask value is a pure function of
/// (network seed, dropout stream, layer, unit) through a counter-based hash, so it does not depend on call order or
/// thread: data-parallel training reproduces sequential results, and tests can rebuild exactly the mask a pass used.
/// </summary>
/// <remarks>
/// Unit <c>u</c> of layer <c>l</c> under stream <c>t</c> for seed <c>s</c> hashes
/// <c>h = Mix(Mix(Mix((ulong)(uint)s ^ 0xD80D0D0D) + t) + ((ulong)(uint)l &lt;&lt; 32 | (uint)u))</c>, takes its top 24
/// bits as a uniform <c>r</c> in [0, 1), and keeps the unit when <c>r &gt;= rate</c>: with probability <c>1 - rate</c>
/// up to 2^-24. Kept units are scaled by <c>1 / (1 - rate)</c>, dropped ones by 0.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DropoutMask
{
    // Separates dropout's hash inputs from any other use of the seed (initialisation uses Mix(seed << 32 | layer)).
    private const ulong Domain = 0xD80D0D0DUL;

    /// <summary>Writes one layer's mask: 0 for dropped units, <c>1 / (1 - rate)</c> for kept ones.</summary>
    /// <param name="scales">One element per unit of the layer.</param>
    /// <param name="seed">The network's seed.</param>
    /// <param name="stream">The example's dropout stream.</param>
    /// <param name="layerIndex">The Dense layer whose output is dropped, counting from 0.</param>
    /// <param name="rate">The drop probability, in [0, 1).</param>
    public static void Fill(Span<float> scales, int seed, ulong stream, int layerIndex, float rate)
    {
        if (!(rate >= 0f && rate < 1f)) throw new ArgumentException($"rate is {rate}; a dropout rate must be in [0, 1).", nameof(rate));
        ulong layerKey = LayerKey(seed, stream);
        float keepScale = 1f / (1f - rate);
        ulong layerBits = (ulong)(uint)layerIndex << 32;
        int unit = 0;
#if NET8_0_OR_GREATER
        if (Vector512.IsHardwareAccelerated) unit = FillWide(scales, layerKey, layerBits, rate, keepScale);
#endif
        for (; unit < scales.Length; unit++)
            scales[unit] = Uniform(layerKey, layerBits | (uint)unit) >= rate ? keepScale : 0f;
    }

    /// <summary><c>output[i] = input[i] * mask[i]</c> for every element of <paramref name="output"/>: the dropped activations.</summary>
    /// <param name="input">The activations, at least as long as <paramref name="output"/>.</param>
    /// <param name="mask">The mask <see cref="Fill"/> wrote, at least as long as <paramref name="output"/>.</param>
    /// <param name="output">Receives the products.</param>
    public static void Apply(ReadOnlySpan<float> input, ReadOnlySpan<float> mask, Span<float> output)
    {
        input = input.Slice(0, output.Length);
        mask = mask.Slice(0, output.Length);
        ReadOnlySpan<Vector<float>> a = MemoryMarshal.Cast<float, Vector<float>>(input), m = MemoryMarshal.Cast<float, Vector<float>>(mask);
        Span<Vector<float>> o = MemoryMarshal.Cast<float, Vector<float>>(output);
        for (int i = 0; i < o.Length; i++) o[i] = a[i] * m[i];
        for (int i = o.Length * Vector<float>.Count; i < output.Length; i++) output[i] = input[i] * mask[i];
    }

    /// <summary><c>values[i] *= mask[i]</c> for every element of <paramref name="values"/>: a delta back through the dropout.</summary>
    /// <param name="values">The delta, multiplied in place.</param>
    /// <param name="mask">The mask <see cref="Fill"/> wrote, at least as long as <paramref name="values"/>.</param>
    public static void ApplyInPlace(Span<float> values, ReadOnlySpan<float> mask) => Apply(values, mask, values);

    /// <summary>Whether unit <paramref name="unit"/> of layer <paramref name="layerIndex"/> survives in stream <paramref name="stream"/>.</summary>
    /// <param name="seed">The network's seed.</param>
    /// <param name="stream">The example's dropout stream.</param>
    /// <param name="layerIndex">The Dense layer, counting from 0.</param>
    /// <param name="unit">The unit within the layer.</param>
    /// <param name="rate">The drop probability, in [0, 1).</param>
    public static bool Keeps(int seed, ulong stream, int layerIndex, int unit, float rate) =>
        Uniform(LayerKey(seed, stream), ((ulong)(uint)layerIndex << 32) | (uint)unit) >= rate;

    private static ulong LayerKey(int seed, ulong stream) => NetGenRandom.Mix(NetGenRandom.Mix((uint)seed ^ Domain) + stream);

    // 24 bits: every value is exactly representable as a float, so the comparison with a float rate is exact.
    private static float Uniform(ulong key, ulong unitBits) => (NetGenRandom.Mix(key + unitBits) >> 40) * (1f / (1 << 24));

#if NET8_0_OR_GREATER
    /// <summary>
    /// <see cref="Fill"/> 16 units at a time, the same bits: SplitMix64 on eight 64-bit lanes (AVX-512 multiplies 64-bit
    /// lanes natively), and the comparison <c>k / 2^24 &gt;= rate</c> made exactly as <c>k &gt;= ceil(rate * 2^24)</c> on the
    /// integer <c>k</c>. Hashing unit by unit and the scalar products beside it were 8.9% of the main job's <c>perf</c>
    /// samples on the Zen 5 machine of docs/performance.md (counted in the generated <c>TrainBatch</c>), 1.3% with this and <see cref="Apply"/>. Returns how many
    /// units it wrote.
    /// </summary>
    private static int FillWide(Span<float> scales, ulong layerKey, ulong layerBits, float rate, float keepScale)
    {
        var threshold = Vector512.Create((ulong)Math.Ceiling(rate * (double)(1 << 24)));
        var keep = Vector512.Create(keepScale);
        Vector512<ulong> unitOffsets = Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7);
        int unit = 0;
        for (; unit <= scales.Length - 16; unit += 16)
        {
            Vector512<ulong> low = Vector512.Create(layerKey + (layerBits | (uint)unit)) + unitOffsets;
            Vector512<ulong> high = low + Vector512.Create(8UL);
            Vector512<uint> kept = Vector512.Narrow(
                Vector512.GreaterThanOrEqual(Vector512.ShiftRightLogical(SplitMix64(low), 40), threshold),
                Vector512.GreaterThanOrEqual(Vector512.ShiftRightLogical(SplitMix64(high), 40), threshold));
            Vector512.ConditionalSelect(kept.AsSingle(), keep, Vector512<float>.Zero).StoreUnsafe(ref scales[unit]);
        }

        return unit;
    }

    /// <summary><see cref="NetGenRandom.Mix"/> on every lane.</summary>
    private static Vector512<ulong> SplitMix64(Vector512<ulong> value)
    {
        Vector512<ulong> z = value + Vector512.Create(0x9E3779B97F4A7C15UL);
        z = (z ^ Vector512.ShiftRightLogical(z, 30)) * Vector512.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ Vector512.ShiftRightLogical(z, 27)) * Vector512.Create(0x94D049BB133111EBUL);
        return z ^ Vector512.ShiftRightLogical(z, 31);
    }
#endif
}
