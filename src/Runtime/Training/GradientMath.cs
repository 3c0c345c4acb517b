using System;
using System.Numerics;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif
using NetGen.Kernels;

namespace NetGen;

/// <summary>Vectorised passes over gradient buffers for the training step.</summary>
internal static class GradientMath
{
    /// <summary>
    /// <c>destination = sources[0] + sources[1] + ...</c> over the range, summed left to right (a fixed order, so a given
    /// number of sources always rounds the same way), and clears the range in every source for the next batch.
    /// </summary>
    public static void SumAndClear(Span<float> destination, AlignedParameters[] sources, int start)
    {
        Span<float> first = sources[0].Span.Slice(start, destination.Length);
        first.CopyTo(destination);
        first.Clear();
        for (int s = 1; s < sources.Length; s++)
        {
            Span<float> source = sources[s].Span.Slice(start, destination.Length);
            Add(destination, source);
            source.Clear();
        }
    }

    /// <summary>
    /// Turns a summed gradient into the cost's gradient in place: <c>g = g * scale + l2Scale * w</c> (pass
    /// <paramref name="l2Scale"/> 0 for biases). Adds <c>sum w^2</c> to <paramref name="sumOfSquares"/> when
    /// <paramref name="l2Scale"/> is not 0. Returns 0 if every result is finite, else NaN.
    /// </summary>
    public static float Finish(Span<float> gradients, ReadOnlySpan<float> weights, float scale, float l2Scale, ref double sumOfSquares)
    {
#if NET8_0_OR_GREATER
        if (Vector512.IsHardwareAccelerated)
            return Finish<Wide512LaneMath, Vector512<float>>(gradients, weights, scale, l2Scale, ref sumOfSquares);
#endif
        return Finish<PortableLaneMath, Vector<float>>(gradients, weights, scale, l2Scale, ref sumOfSquares);
    }

    private static float Finish<TMath, TVector>(Span<float> gradients, ReadOnlySpan<float> weights, float scale, float l2Scale, ref double sumOfSquares)
        where TMath : struct, ILaneMath<TVector>
        where TVector : struct
    {
        Span<Lanes<TMath, TVector>> g = MemoryMarshal.Cast<float, Lanes<TMath, TVector>>(gradients);
        ReadOnlySpan<Lanes<TMath, TVector>> w = MemoryMarshal.Cast<float, Lanes<TMath, TVector>>(weights);
        Lanes<TMath, TVector> scaleV = Lanes<TMath, TVector>.Broadcast(scale), l2V = Lanes<TMath, TVector>.Broadcast(l2Scale);
        Lanes<TMath, TVector> nonFinite = default, squares = default;
        int done = g.Length * default(TMath).Count;
        float tailNonFinite = 0, tailSquares = 0;
        if (l2Scale == 0)
        {
            for (int i = 0; i < g.Length; i++)
            {
                Lanes<TMath, TVector> x = g[i] * scaleV;
                g[i] = x;
                nonFinite += x.NonFinite();
            }

            for (int i = done; i < gradients.Length; i++)
            {
                float x = gradients[i] * scale;
                gradients[i] = x;
                tailNonFinite += x - x;
            }
        }
        else
        {
            for (int i = 0; i < g.Length; i++)
            {
                Lanes<TMath, TVector> x = g[i] * scaleV + l2V * w[i];
                g[i] = x;
                nonFinite += x.NonFinite();
                squares += w[i] * w[i];
            }

            for (int i = done; i < gradients.Length; i++)
            {
                float x = gradients[i] * scale + l2Scale * weights[i];
                gradients[i] = x;
                tailNonFinite += x - x;
                tailSquares += weights[i] * weights[i];
            }

            sumOfSquares += default(TMath).Sum(squares.Value) + tailSquares;
        }

        return default(TMath).IsAllZero(nonFinite.Value) && tailNonFinite == 0 ? 0 : float.NaN;
    }

    /// <summary>
    /// Adds the L1 term to a finished weight gradient in place: <c>g = g + l1Scale * sign(w)</c>, with <c>sign(0) = 0</c>
    /// (the subgradient PyTorch's <c>torch.sign</c> gives). Adds <c>sum |w|</c> to <paramref name="sumOfAbsolutes"/>.
    /// Returns 0 if every result is finite, else NaN.
    /// </summary>
    public static float AddL1(Span<float> gradients, ReadOnlySpan<float> weights, float l1Scale, ref double sumOfAbsolutes)
    {
        Span<Vector<float>> g = MemoryMarshal.Cast<float, Vector<float>>(gradients);
        ReadOnlySpan<Vector<float>> w = MemoryMarshal.Cast<float, Vector<float>>(weights);
        var plus = new Vector<float>(l1Scale);
        var minus = new Vector<float>(-l1Scale);
        Vector<float> nonFinite = Vector<float>.Zero, absolutes = Vector<float>.Zero;
        for (int i = 0; i < g.Length; i++)
        {
            Vector<float> weight = w[i];
            // l1Scale where w > 0, -l1Scale where w < 0, and 0 where w is 0: two selects, no branch on the data.
            Vector<float> term = Vector.ConditionalSelect(Vector.GreaterThan(weight, Vector<float>.Zero), plus,
                Vector.ConditionalSelect(Vector.LessThan(weight, Vector<float>.Zero), minus, Vector<float>.Zero));
            Vector<float> x = g[i] + term;
            g[i] = x;
            nonFinite += x - x;
            absolutes += Vector.Abs(weight);
        }

        float tailNonFinite = 0, tailAbsolutes = 0;
        for (int i = g.Length * Vector<float>.Count; i < gradients.Length; i++)
        {
            float weight = weights[i];
            float x = gradients[i] + (weight > 0 ? l1Scale : weight < 0 ? -l1Scale : 0f);
            gradients[i] = x;
            tailNonFinite += x - x;
            tailAbsolutes += Math.Abs(weight);
        }

        sumOfAbsolutes += Vector.Dot(absolutes, Vector<float>.One) + tailAbsolutes;
        return Vector.EqualsAll(nonFinite, Vector<float>.Zero) && tailNonFinite == 0 ? 0 : float.NaN;
    }

    private static void Add(Span<float> destination, ReadOnlySpan<float> source)
    {
#if NET8_0_OR_GREATER
        if (Vector512.IsHardwareAccelerated)
        {
            Add<Wide512LaneMath, Vector512<float>>(destination, source);
            return;
        }
#endif
        Add<PortableLaneMath, Vector<float>>(destination, source);
    }

    private static void Add<TMath, TVector>(Span<float> destination, ReadOnlySpan<float> source)
        where TMath : struct, ILaneMath<TVector>
        where TVector : struct
    {
        Span<Lanes<TMath, TVector>> d = MemoryMarshal.Cast<float, Lanes<TMath, TVector>>(destination);
        ReadOnlySpan<Lanes<TMath, TVector>> s = MemoryMarshal.Cast<float, Lanes<TMath, TVector>>(source);
        for (int i = 0; i < d.Length; i++) d[i] += s[i];
        for (int i = d.Length * default(TMath).Count; i < destination.Length; i++) destination[i] += source[i];
    }
}
