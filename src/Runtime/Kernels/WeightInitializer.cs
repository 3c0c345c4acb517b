using System;
using System.ComponentModel;

namespace NetGen.Kernels;

/// <summary>
/// Draws a layer's initial weights for a generated network's constructor, from <see cref="NetGenRandom"/> so one seed
/// gives bit-identical parameters on every platform.
/// </summary>
/// <remarks>
/// Seed derivation: layer <c>l</c> of a network constructed with seed <c>s</c> draws from
/// <c>new NetGenRandom(NetGenRandom.Mix(((ulong)(uint)s &lt;&lt; 32) | (uint)l))</c>, one <see cref="NetGenRandom.NextNormal"/> per
/// weight in row-major order, scaled as <see cref="Init"/> describes and rounded to float. Each layer has its own
/// stream, so adding a layer at the end leaves the earlier layers' weights unchanged.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WeightInitializer
{
    /// <summary>Fills <paramref name="weights"/> (one layer's <c>W</c>, row-major <c>[fanOut, fanIn]</c>) with scaled normal draws.</summary>
    /// <param name="weights">The layer's weights: exactly <c>fanIn * fanOut</c> elements.</param>
    /// <param name="init">The scheme; <see cref="Init.Auto"/> is resolved by the generator and rejected here.</param>
    /// <param name="fanIn">The layer's inputs.</param>
    /// <param name="fanOut">The layer's units.</param>
    /// <param name="seed">The network's seed.</param>
    /// <param name="layerIndex">The Dense layer's index, counting from 0.</param>
    /// <exception cref="ArgumentException">The sizes do not match or <paramref name="init"/> is <see cref="Init.Auto"/>.</exception>
    public static void Fill(Span<float> weights, Init init, int fanIn, int fanOut, int seed, int layerIndex)
    {
        if (fanIn < 1 || fanOut < 1 || weights.Length != (long)fanIn * fanOut)
            throw new ArgumentException($"weights has {weights.Length} elements; fanIn * fanOut = {fanIn} * {fanOut} = {(long)fanIn * fanOut}.", nameof(weights));
        double scale = Scale(init, fanIn, fanOut);
        var random = new NetGenRandom(StreamSeed(seed, layerIndex));
        for (int i = 0; i < weights.Length; i++) weights[i] = (float)(random.NextNormal() * scale);
    }

    /// <summary>The standard deviation <paramref name="init"/> gives a layer with these fans.</summary>
    /// <param name="init">The scheme (not <see cref="Init.Auto"/>).</param>
    /// <param name="fanIn">The layer's inputs.</param>
    /// <param name="fanOut">The layer's units.</param>
    public static double Scale(Init init, int fanIn, int fanOut) => init switch
    {
        Init.Normal => 1.0,
        Init.LeCun => Math.Sqrt(1.0 / fanIn),
        Init.Xavier => Math.Sqrt(2.0 / ((double)fanIn + fanOut)),
        Init.He => Math.Sqrt(2.0 / fanIn),
        _ => throw new ArgumentException($"init is {init}; resolve Init.Auto to a concrete scheme first.", nameof(init)),
    };

    /// <summary>The seed of layer <paramref name="layerIndex"/>'s generator for a network seeded with <paramref name="seed"/>.</summary>
    /// <param name="seed">The network's seed.</param>
    /// <param name="layerIndex">The Dense layer's index.</param>
    public static ulong StreamSeed(int seed, int layerIndex) => NetGenRandom.Mix(((ulong)(uint)seed << 32) | (uint)layerIndex);
}
