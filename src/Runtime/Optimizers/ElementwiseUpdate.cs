using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen;

/// <summary>One optimizer's per-element rule on a vector of lanes: returns the new parameter and updates up to two state values.</summary>
/// <remarks>
/// Implementations mark <see cref="Update"/> <c>[MethodImpl(MethodImplOptions.AggressiveInlining)]</c>: called per vector,
/// the rule passed its operands through memory. Adam over 235k parameters in 4,096-element blocks, the two forms
/// interleaved in one process on a 2-core Xeon (model 207), medians of 200 samples: 620 µs called, 400 µs inlined
/// (606 and 378 in a second process).
/// </remarks>
internal interface IUpdateKernel
{
    Vector<float> Update(Vector<float> parameter, Vector<float> gradient, ref Vector<float> state0, ref Vector<float> state1);
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

    private static readonly Vector<float> SmallestNormal = new Vector<float>(1.17549435e-38f);

    /// <summary>
    /// <paramref name="state"/> with every subnormal lane (0 &lt; |x| &lt; 2^-126) replaced by 0. Optimizer state that decays
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> FlushSubnormal(Vector<float> state) =>
        Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(state), SmallestNormal), Vector<float>.Zero, state);

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
        bool has0 = !state0.IsEmpty, has1 = !state1.IsEmpty;
        ReadOnlySpan<Vector<float>> p = MemoryMarshal.Cast<float, Vector<float>>(input);
        ReadOnlySpan<Vector<float>> g = MemoryMarshal.Cast<float, Vector<float>>(gradients);
        ReadOnlySpan<Vector<float>> s0 = MemoryMarshal.Cast<float, Vector<float>>(state0);
        ReadOnlySpan<Vector<float>> s1 = MemoryMarshal.Cast<float, Vector<float>>(state1);
        Span<Vector<float>> o = MemoryMarshal.Cast<float, Vector<float>>(output);
        Span<Vector<float>> o0 = MemoryMarshal.Cast<float, Vector<float>>(nextState0);
        Span<Vector<float>> o1 = MemoryMarshal.Cast<float, Vector<float>>(nextState1);
        // x - x is 0 for finite x and NaN for NaN or infinity, and NaN survives addition: one vector add per value checks it.
        Vector<float> nonFinite = Vector<float>.Zero;
        // A local copy: the kernel arrives by reference, and the JIT must assume the loop's stores to the outputs may
        // write through that reference, so it would reload the rule's constants on every iteration (3% of Adam's
        // inlined step, interleaved as above: 413 and 390 µs by reference, 400 and 378 µs copied).
        TKernel rule = kernel;
        for (int i = 0; i < p.Length; i++)
        {
            Vector<float> a = has0 ? s0[i] : default, b = has1 ? s1[i] : default;
            Vector<float> next = rule.Update(p[i], g[i], ref a, ref b);
            nonFinite += (next - next) + (a - a) + (b - b);
            if (typeof(TMode) == typeof(WriteMode))
            {
                o[i] = next;
                if (has0) o0[i] = a;
                if (has1) o1[i] = b;
            }
        }

        int done = p.Length * Vector<float>.Count;
        if (done < input.Length)
            nonFinite += Tail<TKernel, TMode>(kernel, input.Slice(done), gradients.Slice(done),
                has0 ? state0.Slice(done) : default, has1 ? state1.Slice(done) : default,
                output.IsEmpty ? output : output.Slice(done), has0 && !nextState0.IsEmpty ? nextState0.Slice(done) : default,
                has1 && !nextState1.IsEmpty ? nextState1.Slice(done) : default);
        return Vector.EqualsAll(nonFinite, Vector<float>.Zero);
    }

    /// <summary>
    /// The last partial vector, padded with zeros so it runs the same kernel as the rest (one formula, no scalar copy).
    /// Zero parameters, gradients and state stay finite under every built-in rule (epsilon is positive), so padding lanes never raise the flag.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector<float> Tail<TKernel, TMode>(in TKernel kernel, ReadOnlySpan<float> input, ReadOnlySpan<float> gradients,
        ReadOnlySpan<float> state0, ReadOnlySpan<float> state1, Span<float> output, Span<float> nextState0, Span<float> nextState1)
        where TKernel : struct, IUpdateKernel
        where TMode : struct
    {
        int n = input.Length;
        Span<float> lanes = stackalloc float[4 * Vector<float>.Count];
        lanes.Clear();
        Span<float> p = lanes.Slice(0, Vector<float>.Count), g = lanes.Slice(Vector<float>.Count, Vector<float>.Count);
        Span<float> s0 = lanes.Slice(2 * Vector<float>.Count, Vector<float>.Count), s1 = lanes.Slice(3 * Vector<float>.Count, Vector<float>.Count);
        input.CopyTo(p);
        gradients.CopyTo(g);
        if (!state0.IsEmpty) state0.CopyTo(s0);
        if (!state1.IsEmpty) state1.CopyTo(s1);
        Vector<float> a = MemoryMarshal.Cast<float, Vector<float>>(s0)[0], b = MemoryMarshal.Cast<float, Vector<float>>(s1)[0];
        Vector<float> next = kernel.Update(MemoryMarshal.Cast<float, Vector<float>>(p)[0], MemoryMarshal.Cast<float, Vector<float>>(g)[0], ref a, ref b);
        Vector<float> nonFinite = (next - next) + (a - a) + (b - b);
        if (typeof(TMode) != typeof(WriteMode)) return nonFinite;

        MemoryMarshal.Cast<float, Vector<float>>(p)[0] = next;
        MemoryMarshal.Cast<float, Vector<float>>(s0)[0] = a;
        MemoryMarshal.Cast<float, Vector<float>>(s1)[0] = b;
        p.Slice(0, n).CopyTo(output);
        if (!nextState0.IsEmpty) s0.Slice(0, n).CopyTo(nextState0);
        if (!nextState1.IsEmpty) s1.Slice(0, n).CopyTo(nextState1);
        return nonFinite;
    }

    private struct WriteMode { }

    private struct CheckMode { }
}
