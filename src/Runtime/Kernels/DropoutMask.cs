using System;
using System.ComponentModel;

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
        for (int unit = 0; unit < scales.Length; unit++)
            scales[unit] = Uniform(layerKey, layerBits | (uint)unit) >= rate ? keepScale : 0f;
    }

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
}
