using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace NetGen;

/// <summary>One optimizer's per-element rule on a vector of lanes: returns the new parameter and updates up to two state values.</summary>
/// <remarks>
/// <para>
/// The rule is written once, generic over the lane type, and <see cref="ElementwiseUpdate"/> runs it at the widest width
/// the CPU accelerates (<see cref="Lanes{TMath, TVector}"/>). Measured on a 2-core AMD EPYC Zen 5 (family 26, model 2),
/// the peer runner's T1 with a stopwatch around each training stage, second epoch: the optimizer stage (Adam over 235k
/// parameters, 937 steps, with the gradient sum and scaling) took 126-135 ms with everything on 256-bit
/// <c>Vector&lt;float&gt;</c> and 105-106 ms with the rule and the gradient arithmetic at 512 bits (builds measured
/// minutes apart, not interleaved), with the same test accuracy.
/// </para>
/// <para>
/// Implementations mark <see cref="Update"/> <c>[MethodImpl(MethodImplOptions.AggressiveInlining)]</c>: called per vector,
/// the rule passed its operands through memory. Adam over 235k parameters in 4,096-element blocks, the two forms
/// interleaved in one process on a 2-core Xeon (model 207), medians of 200 samples: 620 µs called, 400 µs inlined
/// (606 and 378 in a second process).
/// </para>
/// </remarks>
internal interface IUpdateKernel
{
    Lanes<TMath, TVector> Update<TMath, TVector>(Lanes<TMath, TVector> parameter, Lanes<TMath, TVector> gradient,
        ref Lanes<TMath, TVector> state0, ref Lanes<TMath, TVector> state1)
        where TMath : struct, ILaneMath<TVector>
        where TVector : struct;
}

/// <summary>
/// The loop every built-in optimizer shares: runs a kernel over the parameter vector, either writing the results
/// (<see cref="Apply{TKernel}"/>) or only checking that they would all be finite (<see cref="StaysFinite{TKernel}"/>).
/// Both go through one generic loop, so the check evaluates exactly the expressions the update would.
/// </summary>
internal static class ElementwiseUpdate
{
    public static void Apply<TKernel>(in TKernel kernel, Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state0, Span<float> state1)
        where TKernel : struct, IUpdateKernel =>
        Run<TKernel, WriteMode>(kernel, parameters, gradients, state0, state1, parameters, state0, state1);

    public static bool StaysFinite<TKernel>(in TKernel kernel, ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradients, Span<float> state0, Span<float> state1)
        where TKernel : struct, IUpdateKernel =>
        Run<TKernel, CheckMode>(kernel, parameters, gradients, state0, state1, default, default, default);

    /// <summary>
    /// The step written to separate outputs (the inputs are only read), and whether every result is finite: training's
    /// one pass per batch that both checks and computes the step, committed afterwards only if every slice was finite.
    /// </summary>
    public static bool StepInto<TKernel>(in TKernel kernel, ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradients,
        ReadOnlySpan<float> state0, ReadOnlySpan<float> state1, Span<float> nextParameters, Span<float> nextState0, Span<float> nextState1)
        where TKernel : struct, IUpdateKernel =>
        Run<TKernel, WriteMode>(kernel, parameters, gradients, state0, state1, nextParameters, nextState0, nextState1);

    /// <summary>
    /// Every rule flushes its state (<see cref="Lanes{TMath, TVector}.FlushSubnormal"/>): each subnormal lane (0 &lt; |x| &lt; 2^-126) becomes 0. Optimizer state that decays
    /// geometrically (momentum, Adam's moments, RMSprop's average) becomes subnormal for parameters whose gradient is
    /// exactly 0 for hundreds of steps, such as the weights of an image's border pixels, and every Intel core measured here
    /// (a 2-core Xeon, model 207) takes a microcode assist on each vector operation with a subnormal lane: a pass over
    /// Adam's moments with one element in seven subnormal runs many times slower than with none
    /// (benchmarks/subnormal measures it), and on that machine it was about half of a Fashion-MNIST epoch.
    /// .NET cannot set the FTZ/DAZ bits of the floating-point control register, so the optimizers flush the state themselves.
    /// A subnormal state value moves a parameter by less than 2^-126 * learning rate / epsilon (about 1e-33 for Adam's
    /// defaults), far below the last bit of any parameter larger than about 1e-26, so the parameters match the unflushed
    /// rule bit for bit in practice (the PyTorch trajectory tests compare them).
    /// </summary>
    /// <remarks>The test is "less than the smallest normal", which is false for NaN, so a NaN still reaches the finiteness check.</remarks>
    internal const float SmallestNormal = 1.17549435e-38f; // 2^-126

    /// <summary>Integer power by repeated squaring: only IEEE multiplications, so every platform gets the same bits (unlike <see cref="Math.Pow"/>).</summary>
    public static double Power(double x, long exponent)
    {
        double result = 1, square = x;
        for (long e = exponent; e > 0; e >>= 1)
        {
            if ((e & 1) != 0) result *= square;
            square *= square;
        }

        return result;
    }

    // State spans are either as long as the parameters or empty (an optimizer that needs fewer buffers). The outputs may
    // be the inputs themselves (an in-place step) or separate buffers of the same lengths.
    private static bool Run<TKernel, TMode>(in TKernel kernel, ReadOnlySpan<float> input, ReadOnlySpan<float> gradients,
        ReadOnlySpan<float> state0, ReadOnlySpan<float> state1, Span<float> output, Span<float> nextState0, Span<float> nextState1)
        where TKernel : struct, IUpdateKernel
        where TMode : struct
    {
#if NET8_0_OR_GREATER
        if (Vector512.IsHardwareAccelerated)
            return Run<TKernel, TMode, Wide512LaneMath, Vector512<float>>(kernel, input, gradients, state0, state1, output, nextState0, nextState1);
#endif
        return Run<TKernel, TMode, PortableLaneMath, Vector<float>>(kernel, input, gradients, state0, state1, output, nextState0, nextState1);
    }

    /// <summary>
    /// The loop at one width. Every width gives the same bits: <c>SubnormalStateTests</c> compares each rule with a scalar
    /// reference bit for bit, and CI runs it on the 512-, 256- and 128-bit and scalar paths.
    /// </summary>
    private static bool Run<TKernel, TMode, TMath, TVector>(in TKernel kernel, ReadOnlySpan<float> input, ReadOnlySpan<float> gradients,
        ReadOnlySpan<float> state0, ReadOnlySpan<float> state1, Span<float> output, Span<float> nextState0, Span<float> nextState1)
        where TKernel : struct, IUpdateKernel
        where TMode : struct
        where TMath : struct, ILaneMath<TVector>
        where TVector : struct
    {
        bool has0 = !state0.IsEmpty, has1 = !state1.IsEmpty;
        ReadOnlySpan<Lanes<TMath, TVector>> p = MemoryMarshal.Cast<float, Lanes<TMath, TVector>>(input);
        ReadOnlySpan<Lanes<TMath, TVector>> g = MemoryMarshal.Cast<float, Lanes<TMath, TVector>>(gradients);
        ReadOnlySpan<Lanes<TMath, TVector>> s0 = MemoryMarshal.Cast<float, Lanes<TMath, TVector>>(state0);
        ReadOnlySpan<Lanes<TMath, TVector>> s1 = MemoryMarshal.Cast<float, Lanes<TMath, TVector>>(state1);
        Span<Lanes<TMath, TVector>> o = MemoryMarshal.Cast<float, Lanes<TMath, TVector>>(output);
        Span<Lanes<TMath, TVector>> o0 = MemoryMarshal.Cast<float, Lanes<TMath, TVector>>(nextState0);
        Span<Lanes<TMath, TVector>> o1 = MemoryMarshal.Cast<float, Lanes<TMath, TVector>>(nextState1);
        // x - x is 0 for finite x and NaN for NaN or infinity, and NaN survives addition: one vector add per value checks it.
        Lanes<TMath, TVector> nonFinite = default;
        // A local copy: the kernel arrives by reference, and the JIT must assume the loop's stores to the outputs may
        // write through that reference, so it would reload the rule's constants on every iteration (3% of Adam's
        // inlined step, interleaved as above: 413 and 390 µs by reference, 400 and 378 µs copied).
        TKernel rule = kernel;
        for (int i = 0; i < p.Length; i++)
        {
            Lanes<TMath, TVector> a = has0 ? s0[i] : default, b = has1 ? s1[i] : default;
            Lanes<TMath, TVector> next = rule.Update(p[i], g[i], ref a, ref b);
            nonFinite += next.NonFinite() + a.NonFinite() + b.NonFinite();
            if (typeof(TMode) == typeof(WriteMode))
            {
                o[i] = next;
                if (has0) o0[i] = a;
                if (has1) o1[i] = b;
            }
        }

        int done = p.Length * default(TMath).Count;
        if (done < input.Length)
            nonFinite += Tail<TKernel, TMode, TMath, TVector>(kernel, input.Slice(done), gradients.Slice(done),
                has0 ? state0.Slice(done) : default, has1 ? state1.Slice(done) : default,
                output.IsEmpty ? output : output.Slice(done), has0 && !nextState0.IsEmpty ? nextState0.Slice(done) : default,
                has1 && !nextState1.IsEmpty ? nextState1.Slice(done) : default);
        return default(TMath).IsAllZero(nonFinite.Value);
    }

    /// <summary>
    /// The last partial vector, padded with zeros so it runs the same kernel as the rest (one formula, no scalar copy).
    /// Zero parameters, gradients and state stay finite under every built-in rule (epsilon is positive), so padding lanes never raise the flag.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Lanes<TMath, TVector> Tail<TKernel, TMode, TMath, TVector>(in TKernel kernel, ReadOnlySpan<float> input, ReadOnlySpan<float> gradients,
        ReadOnlySpan<float> state0, ReadOnlySpan<float> state1, Span<float> output, Span<float> nextState0, Span<float> nextState1)
        where TKernel : struct, IUpdateKernel
        where TMode : struct
        where TMath : struct, ILaneMath<TVector>
        where TVector : struct
    {
        int n = input.Length, count = default(TMath).Count;
        Span<float> lanes = stackalloc float[4 * count];
        lanes.Clear();
        Span<float> p = lanes.Slice(0, count), g = lanes.Slice(count, count);
        Span<float> s0 = lanes.Slice(2 * count, count), s1 = lanes.Slice(3 * count, count);
        input.CopyTo(p);
        gradients.CopyTo(g);
        if (!state0.IsEmpty) state0.CopyTo(s0);
        if (!state1.IsEmpty) state1.CopyTo(s1);
        Lanes<TMath, TVector> a = MemoryMarshal.Cast<float, Lanes<TMath, TVector>>(s0)[0], b = MemoryMarshal.Cast<float, Lanes<TMath, TVector>>(s1)[0];
        Lanes<TMath, TVector> next = kernel.Update(MemoryMarshal.Cast<float, Lanes<TMath, TVector>>(p)[0], MemoryMarshal.Cast<float, Lanes<TMath, TVector>>(g)[0], ref a, ref b);
        Lanes<TMath, TVector> nonFinite = next.NonFinite() + a.NonFinite() + b.NonFinite();
        if (typeof(TMode) != typeof(WriteMode)) return nonFinite;

        MemoryMarshal.Cast<float, Lanes<TMath, TVector>>(p)[0] = next;
        MemoryMarshal.Cast<float, Lanes<TMath, TVector>>(s0)[0] = a;
        MemoryMarshal.Cast<float, Lanes<TMath, TVector>>(s1)[0] = b;
        p.Slice(0, n).CopyTo(output);
        if (!nextState0.IsEmpty) s0.Slice(0, n).CopyTo(nextState0);
        if (!nextState1.IsEmpty) s1.Slice(0, n).CopyTo(nextState1);
        return nonFinite;
    }

    private struct WriteMode { }

    private struct CheckMode { }
}
