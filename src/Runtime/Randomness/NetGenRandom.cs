using System;

namespace NetGen;

/// <summary>
/// The deterministic random source behind initialisation, shuffling and dropout: xoshiro256** seeded through SplitMix64.
/// Every draw uses only integer arithmetic and correctly rounded IEEE operations (including its own logarithm), so one
/// seed gives bit-identical numbers on every platform and runtime, unlike <see cref="Random"/> or <see cref="Math.Log(double)"/>.
/// </summary>
/// <remarks>A mutable struct: pass it by <c>ref</c>, or copies will repeat the same sequence.</remarks>
public struct NetGenRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Seeds the generator; different seeds give independent-looking streams.</summary>
    public NetGenRandom(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>One step of SplitMix64: advances <paramref name="state"/> and returns a well-mixed 64-bit value.</summary>
    public static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Mixes a 64-bit value with no state: a counter-based hash for randomness that must not depend on call order.</summary>
    public static ulong Mix(ulong value)
    {
        ulong state = value;
        return SplitMix64(ref state);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1), with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias (Lemire's method).</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "The bound must be positive.");
        uint range = (uint)maxExclusive;
        ulong product = (NextUInt64() >> 32) * range;
        uint low = (uint)product;
        if (low < range)
        {
            uint threshold = (0u - range) % range;
            while (low < threshold)
            {
                product = (NextUInt64() >> 32) * range;
                low = (uint)product;
            }
        }

        return (int)(product >> 32);
    }

    /// <summary>A standard normal N(0, 1) draw (Marsaglia's polar method with a platform-independent logarithm).</summary>
    public double NextNormal()
    {
        while (true)
        {
            double u = 2 * NextDouble() - 1;
            double v = 2 * NextDouble() - 1;
            double s = u * u + v * v;
            if (s >= 1 || s == 0) continue;
            // The polar method yields two draws; using one keeps the struct small and the sequence simple to reason about.
            return u * Math.Sqrt(-2 * DeterministicLog(s) / s);
        }
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher-Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>
    /// Natural logarithm of a positive finite double using only IEEE-exact operations (+, -, *, / and bit manipulation),
    /// so every platform returns the same bits. Accurate to a few ulps, which is all initialisation needs.
    /// </summary>
    internal static double DeterministicLog(double x)
    {
        if (!(x > 0) || double.IsInfinity(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "The logarithm needs a positive finite value.");
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)((bits >> 52) & 0x7FF);
        if (exponent == 0)
        {
            // Subnormal: scale into the normal range first.
            x *= 18014398509481984.0; // 2^54
            bits = BitConverter.DoubleToInt64Bits(x);
            exponent = (int)((bits >> 52) & 0x7FF) - 54;
        }

        // x = m * 2^e with m in [sqrt(1/2), sqrt(2)), so the series below converges fast.
        int e = exponent - 1023;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (m > 1.4142135623730951)
        {
            m *= 0.5;
            e++;
        }

        // ln m = 2 atanh(t), t = (m - 1) / (m + 1), |t| < 0.172: the odd series to t^31 is below double rounding.
        double t = (m - 1) / (m + 1);
        double t2 = t * t;
        double term = t, sum = 0;
        for (int k = 1; k <= 31; k += 2)
        {
            sum += term / k;
            term *= t2;
        }

        const double Ln2Hi = 6.93147180369123816490e-01; // ln 2 split so e * Ln2Hi is exact
        const double Ln2Lo = 1.90821492927058770002e-10;
        return e * Ln2Hi + (2 * sum + e * Ln2Lo);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
