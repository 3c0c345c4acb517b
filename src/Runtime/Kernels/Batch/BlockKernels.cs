#if NET8_0_OR_GREATER
using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels.Batch;

/// <summary>
/// The three matrix products of a dense layer on a block of examples, written once for every vector width.
/// Matrices are row-major: weights <c>W[units, inputs]</c>, examples <c>X[count, inputs]</c>, <c>Z[count, units]</c>.
/// </summary>
/// <remarks>
/// <para>
/// Each product runs a register tile of 16 accumulators, enough to keep both FMA pipes busy through a 4-cycle latency,
/// with half a load or less per multiply-add. The loop order keeps the operand a tile reuses most in L1 and streams the
/// other from L2:
/// </para>
/// <list type="bullet">
/// <item><description><see cref="Linear"/>, <c>Z = X Wᵀ + b</c>: 4 units by 4 examples of dot products along the inputs
/// (both operands contiguous, so nothing is packed or transposed and the public weight layout is read as it is); the
/// 4-row slice of <c>W</c> stays in L1 while the block's examples stream past it.</description></item>
/// <item><description><see cref="AccumulateGradients"/>, <c>dW += dZᵀ X</c>: 4 units by 4 vectors of inputs, each
/// example adding an outer product of broadcast deltas and input vectors; a strip of the block's inputs
/// (<c>count</c> by 4 vectors, 16 KB for 64 examples at 512 bits) stays in L1 across every unit.</description></item>
/// <item><description><see cref="InputGradients"/>, <c>dX = dZ W</c>: 4 examples by 4 vectors of inputs, each unit adding
/// its weight row times broadcast deltas.</description></item>
/// </list>
/// <para>Sizes that do not fill a tile finish in one-vector tiles, then in scalar code; all of it is tested per width.</para>
/// </remarks>
/// <typeparam name="TWidth">The vector width.</typeparam>
/// <typeparam name="TVector">Its vector type.</typeparam>
internal static class BlockKernels<TWidth, TVector>
    where TWidth : struct, IVectorWidth<TVector>
    where TVector : struct
{
    /// <summary>The smallest block for which <see cref="Linear"/> copies misaligned operands to aligned buffers first.</summary>
    internal const int AlignedCopiesFromExamples = 8;

    /// <summary><c>z[e, u] = b[u] + sum_k W[u, k] x[e, k]</c> for every example <c>e &lt; count</c>.</summary>
    /// <remarks>
    /// A 512-bit load that straddles two cache lines costs Intel cores two loads, and an array's elements start 16 bytes
    /// into the object, so neither the weights nor the examples are on 64-byte boundaries as they come. For blocks of at
    /// least <see cref="AlignedCopiesFromExamples"/> examples, an operand whose rows are not all on 64-byte boundaries is
    /// first copied to a thread's aligned scratch (<see cref="AlignedScratch"/>): the examples once per call, each tile's
    /// 8 weight rows once per tile. Measured on a 2-core Xeon (model 207), 784 inputs and 256 units, the three cases
    /// interleaved in one process (medians of 36 samples): 64 examples ran at 94 GFLOP/s with both operands aligned,
    /// 63 with both misaligned, 80 with both misaligned and copied; 256 examples at 79, 55 and 75. The arithmetic is the
    /// same whichever operand is copied, so the results do not depend on where the GC put the arrays (AlignedCopyTests).
    /// </remarks>
    public static void Linear(ref float w, ref float b, ref float x, ref float z, int count, int inputs, int units)
    {
        int lanes = TWidth.Lanes;
        int fullInputs = inputs - inputs % lanes;
        int rowEnd = units - units % 8, pairEnd = count - count % 2;
        int alignedStride = (inputs + 15) & ~15;
        bool copies = count >= AlignedCopiesFromExamples && fullInputs > 0;
        bool copyRows = copies && rowEnd > 0 && !RowsAligned(ref w, inputs);
        bool copyExamples = copies && !RowsAligned(ref x, inputs);
        // The scratch is taken, and sized for both copies, whichever are needed: an operand's alignment can change when
        // the GC moves it, and a buffer that followed it would be created or grown (allocate) in a warm caller's loop.
        Span<float> scratch = copies ? AlignedScratch.Get((rowEnd > 0 ? 8 * alignedStride : 0) + pairEnd * alignedStride) : default;
        ref float rowCopy = ref copyRows ? ref scratch[0] : ref w;
        int rowStride = copyRows ? alignedStride : inputs;
        ref float examples = ref x;
        int exampleStride = inputs;
        if (copyExamples)
        {
            examples = ref scratch[rowEnd > 0 ? 8 * alignedStride : 0];
            exampleStride = alignedStride;
            for (int e = 0; e < pairEnd; e++) CopyRow(ref Unsafe.Add(ref x, e * inputs), ref Unsafe.Add(ref examples, e * alignedStride), inputs);
        }

        for (int u = 0; u < rowEnd; u += 8)
        {
            ref float row = ref Unsafe.Add(ref w, u * inputs);
            Vector128<float> biasLow = Vector128.LoadUnsafe(ref b, (nuint)u), biasHigh = Vector128.LoadUnsafe(ref b, (nuint)(u + 4));
            ref float tile = ref row;
            if (copyRows)
            {
                for (int r = 0; r < 8; r++) CopyRow(ref Unsafe.Add(ref row, r * inputs), ref Unsafe.Add(ref rowCopy, r * alignedStride), inputs);
                tile = ref rowCopy;
            }

            // One base per row, so each load in the loop is a base plus the running offset.
            ref float w0Row = ref tile, w1Row = ref Unsafe.Add(ref tile, rowStride), w2Row = ref Unsafe.Add(ref tile, 2 * rowStride);
            ref float w3Row = ref Unsafe.Add(ref tile, 3 * rowStride), w4Row = ref Unsafe.Add(ref tile, 4 * rowStride);
            ref float w5Row = ref Unsafe.Add(ref tile, 5 * rowStride), w6Row = ref Unsafe.Add(ref tile, 6 * rowStride);
            ref float w7Row = ref Unsafe.Add(ref tile, 7 * rowStride);
            for (int e = 0; e < pairEnd; e += 2)
            {
                ref float x0 = ref Unsafe.Add(ref examples, e * exampleStride);
                ref float x1 = ref Unsafe.Add(ref x0, exampleStride);
                TVector s00 = default, s10 = default, s20 = default, s30 = default, s40 = default, s50 = default, s60 = default, s70 = default;
                TVector s01 = default, s11 = default, s21 = default, s31 = default, s41 = default, s51 = default, s61 = default, s71 = default;
                for (int k = 0; k < fullInputs; k += lanes)
                {
                    TVector a0 = TWidth.Load(ref x0, k), a1 = TWidth.Load(ref x1, k);
                    TVector w0 = TWidth.Load(ref w0Row, k), w1 = TWidth.Load(ref w1Row, k);
                    s00 = TWidth.MultiplyAdd(w0, a0, s00); s01 = TWidth.MultiplyAdd(w0, a1, s01);
                    s10 = TWidth.MultiplyAdd(w1, a0, s10); s11 = TWidth.MultiplyAdd(w1, a1, s11);
                    TVector w2 = TWidth.Load(ref w2Row, k), w3 = TWidth.Load(ref w3Row, k);
                    s20 = TWidth.MultiplyAdd(w2, a0, s20); s21 = TWidth.MultiplyAdd(w2, a1, s21);
                    s30 = TWidth.MultiplyAdd(w3, a0, s30); s31 = TWidth.MultiplyAdd(w3, a1, s31);
                    TVector w4 = TWidth.Load(ref w4Row, k), w5 = TWidth.Load(ref w5Row, k);
                    s40 = TWidth.MultiplyAdd(w4, a0, s40); s41 = TWidth.MultiplyAdd(w4, a1, s41);
                    s50 = TWidth.MultiplyAdd(w5, a0, s50); s51 = TWidth.MultiplyAdd(w5, a1, s51);
                    TVector w6 = TWidth.Load(ref w6Row, k), w7 = TWidth.Load(ref w7Row, k);
                    s60 = TWidth.MultiplyAdd(w6, a0, s60); s61 = TWidth.MultiplyAdd(w6, a1, s61);
                    s70 = TWidth.MultiplyAdd(w7, a0, s70); s71 = TWidth.MultiplyAdd(w7, a1, s71);
                }

                ref float z0 = ref Unsafe.Add(ref z, e * units + u);
                Vector128.StoreUnsafe(TWidth.Sums(s00, s10, s20, s30) + biasLow, ref z0);
                Vector128.StoreUnsafe(TWidth.Sums(s40, s50, s60, s70) + biasHigh, ref z0, 4);
                Vector128.StoreUnsafe(TWidth.Sums(s01, s11, s21, s31) + biasLow, ref z0, (nuint)units);
                Vector128.StoreUnsafe(TWidth.Sums(s41, s51, s61, s71) + biasHigh, ref z0, (nuint)(units + 4));
                for (int k = fullInputs; k < inputs; k++)
                {
                    for (int r = 0; r < 8; r++)
                    {
                        float weight = Unsafe.Add(ref row, r * inputs + k);
                        Unsafe.Add(ref z0, r) += weight * Unsafe.Add(ref x0, k);
                        Unsafe.Add(ref z0, units + r) += weight * Unsafe.Add(ref x1, k);
                    }
                }
            }
        }

        // What the tiles left: the last example of an odd count for the tiled rows, and every example of the last units % 8 rows.
        for (int e = 0; e < count; e++)
        {
            for (int u = e < pairEnd ? rowEnd : 0; u < units; u++)
                Unsafe.Add(ref z, e * units + u) = Dot(ref Unsafe.Add(ref w, u * inputs), ref Unsafe.Add(ref x, e * inputs), inputs) + Unsafe.Add(ref b, u);
        }
    }

    /// <summary>Whether every row of a row-major matrix with <paramref name="rowLength"/> columns starts on a 64-byte boundary.</summary>
    private static unsafe bool RowsAligned(ref float first, int rowLength) =>
        rowLength % 16 == 0 && ((nuint)Unsafe.AsPointer(ref first) & 63) == 0;

    private static void CopyRow(ref float source, ref float destination, int length) =>
        Unsafe.CopyBlockUnaligned(ref Unsafe.As<float, byte>(ref destination), ref Unsafe.As<float, byte>(ref source), (uint)(length * sizeof(float)));

    /// <summary>
    /// Adds <c>sum_e dz[e, u] x[e, k]</c> to <c>dW[u, k]</c> and <c>sum_e dz[e, u]</c> to <c>db[u]</c>: the block's whole
    /// contribution, summed over its examples before it touches the gradient.
    /// </summary>
    public static void AccumulateGradients(ref float dz, ref float x, ref float dw, ref float db, int count, int inputs, int units)
    {
        for (int e = 0; e < count; e++) AddScaled(ref db, ref Unsafe.Add(ref dz, e * units), 1f, 0, units);

        int lanes = TWidth.Lanes;
        int stripEnd = inputs - inputs % (4 * lanes), vectorEnd = inputs - inputs % lanes;
        int rowEnd = units - units % 4;
        for (int k = 0; k < stripEnd; k += 4 * lanes)
        {
            for (int u = 0; u < rowEnd; u += 4) AccumulateTile4x4(ref dz, ref x, ref dw, count, inputs, units, u, k);
            for (int u = rowEnd; u < units; u++) AccumulateTile1x4(ref dz, ref x, ref dw, count, inputs, units, u, k);
        }

        for (int k = stripEnd; k < vectorEnd; k += lanes)
        {
            for (int u = 0; u < rowEnd; u += 4) AccumulateTile4x1(ref dz, ref x, ref dw, count, inputs, units, u, k);
            for (int u = rowEnd; u < units; u++) AccumulateTile1x1(ref dz, ref x, ref dw, count, inputs, units, u, k);
        }

        if (vectorEnd == inputs) return;
        for (int u = 0; u < units; u++)
        {
            ref float g = ref Unsafe.Add(ref dw, u * inputs);
            for (int e = 0; e < count; e++)
            {
                float d = Unsafe.Add(ref dz, e * units + u);
                ref float a = ref Unsafe.Add(ref x, e * inputs);
                for (int k = vectorEnd; k < inputs; k++) Unsafe.Add(ref g, k) += d * Unsafe.Add(ref a, k);
            }
        }
    }

    /// <summary><c>dx[e, k] = sum_u dz[e, u] W[u, k]</c>: dL/dx for every example of the block.</summary>
    public static void InputGradients(ref float w, ref float dz, ref float dx, int count, int inputs, int units)
    {
        int lanes = TWidth.Lanes;
        int stripEnd = inputs - inputs % (4 * lanes), vectorEnd = inputs - inputs % lanes;
        int quadEnd = count - count % 4;
        for (int k = 0; k < stripEnd; k += 4 * lanes)
        {
            for (int e = 0; e < quadEnd; e += 4) InputTile4x4(ref w, ref dz, ref dx, inputs, units, e, k);
            for (int e = quadEnd; e < count; e++) InputTile1x4(ref w, ref dz, ref dx, inputs, units, e, k);
        }

        for (int k = stripEnd; k < vectorEnd; k += lanes)
        {
            for (int e = 0; e < count; e++) InputTile1x1(ref w, ref dz, ref dx, inputs, units, e, k);
        }

        if (vectorEnd == inputs) return;
        for (int e = 0; e < count; e++)
        {
            ref float t = ref Unsafe.Add(ref dx, e * inputs);
            for (int k = vectorEnd; k < inputs; k++)
            {
                float sum = 0f;
                for (int u = 0; u < units; u++) sum += Unsafe.Add(ref dz, e * units + u) * Unsafe.Add(ref w, u * inputs + k);
                Unsafe.Add(ref t, k) = sum;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AccumulateTile4x4(ref float dz, ref float x, ref float dw, int count, int inputs, int units, int u, int k)
    {
        int lanes = TWidth.Lanes;
        ref float g = ref Unsafe.Add(ref dw, u * inputs + k);
        TVector g00 = TWidth.Load(ref g, 0), g01 = TWidth.Load(ref g, lanes), g02 = TWidth.Load(ref g, 2 * lanes), g03 = TWidth.Load(ref g, 3 * lanes);
        ref float g1 = ref Unsafe.Add(ref g, inputs);
        TVector g10 = TWidth.Load(ref g1, 0), g11 = TWidth.Load(ref g1, lanes), g12 = TWidth.Load(ref g1, 2 * lanes), g13 = TWidth.Load(ref g1, 3 * lanes);
        ref float g2 = ref Unsafe.Add(ref g, 2 * inputs);
        TVector g20 = TWidth.Load(ref g2, 0), g21 = TWidth.Load(ref g2, lanes), g22 = TWidth.Load(ref g2, 2 * lanes), g23 = TWidth.Load(ref g2, 3 * lanes);
        ref float g3 = ref Unsafe.Add(ref g, 3 * inputs);
        TVector g30 = TWidth.Load(ref g3, 0), g31 = TWidth.Load(ref g3, lanes), g32 = TWidth.Load(ref g3, 2 * lanes), g33 = TWidth.Load(ref g3, 3 * lanes);
        for (int e = 0; e < count; e++)
        {
            ref float a = ref Unsafe.Add(ref x, e * inputs + k);
            ref float d = ref Unsafe.Add(ref dz, e * units + u);
            TVector a0 = TWidth.Load(ref a, 0), a1 = TWidth.Load(ref a, lanes), a2 = TWidth.Load(ref a, 2 * lanes), a3 = TWidth.Load(ref a, 3 * lanes);
            TVector d0 = TWidth.Broadcast(d);
            g00 = TWidth.MultiplyAdd(d0, a0, g00); g01 = TWidth.MultiplyAdd(d0, a1, g01);
            g02 = TWidth.MultiplyAdd(d0, a2, g02); g03 = TWidth.MultiplyAdd(d0, a3, g03);
            TVector d1 = TWidth.Broadcast(Unsafe.Add(ref d, 1));
            g10 = TWidth.MultiplyAdd(d1, a0, g10); g11 = TWidth.MultiplyAdd(d1, a1, g11);
            g12 = TWidth.MultiplyAdd(d1, a2, g12); g13 = TWidth.MultiplyAdd(d1, a3, g13);
            TVector d2 = TWidth.Broadcast(Unsafe.Add(ref d, 2));
            g20 = TWidth.MultiplyAdd(d2, a0, g20); g21 = TWidth.MultiplyAdd(d2, a1, g21);
            g22 = TWidth.MultiplyAdd(d2, a2, g22); g23 = TWidth.MultiplyAdd(d2, a3, g23);
            TVector d3 = TWidth.Broadcast(Unsafe.Add(ref d, 3));
            g30 = TWidth.MultiplyAdd(d3, a0, g30); g31 = TWidth.MultiplyAdd(d3, a1, g31);
            g32 = TWidth.MultiplyAdd(d3, a2, g32); g33 = TWidth.MultiplyAdd(d3, a3, g33);
        }

        TWidth.Store(g00, ref g, 0); TWidth.Store(g01, ref g, lanes); TWidth.Store(g02, ref g, 2 * lanes); TWidth.Store(g03, ref g, 3 * lanes);
        TWidth.Store(g10, ref g1, 0); TWidth.Store(g11, ref g1, lanes); TWidth.Store(g12, ref g1, 2 * lanes); TWidth.Store(g13, ref g1, 3 * lanes);
        TWidth.Store(g20, ref g2, 0); TWidth.Store(g21, ref g2, lanes); TWidth.Store(g22, ref g2, 2 * lanes); TWidth.Store(g23, ref g2, 3 * lanes);
        TWidth.Store(g30, ref g3, 0); TWidth.Store(g31, ref g3, lanes); TWidth.Store(g32, ref g3, 2 * lanes); TWidth.Store(g33, ref g3, 3 * lanes);
    }

    private static void AccumulateTile1x4(ref float dz, ref float x, ref float dw, int count, int inputs, int units, int u, int k)
    {
        int lanes = TWidth.Lanes;
        ref float g = ref Unsafe.Add(ref dw, u * inputs + k);
        TVector g0 = TWidth.Load(ref g, 0), g1 = TWidth.Load(ref g, lanes), g2 = TWidth.Load(ref g, 2 * lanes), g3 = TWidth.Load(ref g, 3 * lanes);
        for (int e = 0; e < count; e++)
        {
            ref float a = ref Unsafe.Add(ref x, e * inputs + k);
            TVector d = TWidth.Broadcast(Unsafe.Add(ref dz, e * units + u));
            g0 = TWidth.MultiplyAdd(d, TWidth.Load(ref a, 0), g0);
            g1 = TWidth.MultiplyAdd(d, TWidth.Load(ref a, lanes), g1);
            g2 = TWidth.MultiplyAdd(d, TWidth.Load(ref a, 2 * lanes), g2);
            g3 = TWidth.MultiplyAdd(d, TWidth.Load(ref a, 3 * lanes), g3);
        }

        TWidth.Store(g0, ref g, 0); TWidth.Store(g1, ref g, lanes); TWidth.Store(g2, ref g, 2 * lanes); TWidth.Store(g3, ref g, 3 * lanes);
    }

    private static void AccumulateTile4x1(ref float dz, ref float x, ref float dw, int count, int inputs, int units, int u, int k)
    {
        ref float g = ref Unsafe.Add(ref dw, u * inputs + k);
        TVector g0 = TWidth.Load(ref g, 0), g1 = TWidth.Load(ref g, inputs), g2 = TWidth.Load(ref g, 2 * inputs), g3 = TWidth.Load(ref g, 3 * inputs);
        for (int e = 0; e < count; e++)
        {
            TVector a = TWidth.Load(ref x, e * inputs + k);
            ref float d = ref Unsafe.Add(ref dz, e * units + u);
            g0 = TWidth.MultiplyAdd(TWidth.Broadcast(d), a, g0);
            g1 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref d, 1)), a, g1);
            g2 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref d, 2)), a, g2);
            g3 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref d, 3)), a, g3);
        }

        TWidth.Store(g0, ref g, 0); TWidth.Store(g1, ref g, inputs); TWidth.Store(g2, ref g, 2 * inputs); TWidth.Store(g3, ref g, 3 * inputs);
    }

    private static void AccumulateTile1x1(ref float dz, ref float x, ref float dw, int count, int inputs, int units, int u, int k)
    {
        ref float g = ref Unsafe.Add(ref dw, u * inputs + k);
        TVector sum = TWidth.Load(ref g, 0);
        for (int e = 0; e < count; e++)
            sum = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref dz, e * units + u)), TWidth.Load(ref x, e * inputs + k), sum);
        TWidth.Store(sum, ref g, 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InputTile4x4(ref float w, ref float dz, ref float dx, int inputs, int units, int e, int k)
    {
        int lanes = TWidth.Lanes;
        ref float d0 = ref Unsafe.Add(ref dz, e * units);
        TVector s00 = default, s01 = default, s02 = default, s03 = default;
        TVector s10 = default, s11 = default, s12 = default, s13 = default;
        TVector s20 = default, s21 = default, s22 = default, s23 = default;
        TVector s30 = default, s31 = default, s32 = default, s33 = default;
        for (int u = 0; u < units; u++)
        {
            ref float row = ref Unsafe.Add(ref w, u * inputs + k);
            TVector w0 = TWidth.Load(ref row, 0), w1 = TWidth.Load(ref row, lanes), w2 = TWidth.Load(ref row, 2 * lanes), w3 = TWidth.Load(ref row, 3 * lanes);
            TVector b0 = TWidth.Broadcast(Unsafe.Add(ref d0, u));
            s00 = TWidth.MultiplyAdd(w0, b0, s00); s01 = TWidth.MultiplyAdd(w1, b0, s01);
            s02 = TWidth.MultiplyAdd(w2, b0, s02); s03 = TWidth.MultiplyAdd(w3, b0, s03);
            TVector b1 = TWidth.Broadcast(Unsafe.Add(ref d0, units + u));
            s10 = TWidth.MultiplyAdd(w0, b1, s10); s11 = TWidth.MultiplyAdd(w1, b1, s11);
            s12 = TWidth.MultiplyAdd(w2, b1, s12); s13 = TWidth.MultiplyAdd(w3, b1, s13);
            TVector b2 = TWidth.Broadcast(Unsafe.Add(ref d0, 2 * units + u));
            s20 = TWidth.MultiplyAdd(w0, b2, s20); s21 = TWidth.MultiplyAdd(w1, b2, s21);
            s22 = TWidth.MultiplyAdd(w2, b2, s22); s23 = TWidth.MultiplyAdd(w3, b2, s23);
            TVector b3 = TWidth.Broadcast(Unsafe.Add(ref d0, 3 * units + u));
            s30 = TWidth.MultiplyAdd(w0, b3, s30); s31 = TWidth.MultiplyAdd(w1, b3, s31);
            s32 = TWidth.MultiplyAdd(w2, b3, s32); s33 = TWidth.MultiplyAdd(w3, b3, s33);
        }

        ref float t0 = ref Unsafe.Add(ref dx, e * inputs + k);
        TWidth.Store(s00, ref t0, 0); TWidth.Store(s01, ref t0, lanes); TWidth.Store(s02, ref t0, 2 * lanes); TWidth.Store(s03, ref t0, 3 * lanes);
        ref float t1 = ref Unsafe.Add(ref t0, inputs);
        TWidth.Store(s10, ref t1, 0); TWidth.Store(s11, ref t1, lanes); TWidth.Store(s12, ref t1, 2 * lanes); TWidth.Store(s13, ref t1, 3 * lanes);
        ref float t2 = ref Unsafe.Add(ref t0, 2 * inputs);
        TWidth.Store(s20, ref t2, 0); TWidth.Store(s21, ref t2, lanes); TWidth.Store(s22, ref t2, 2 * lanes); TWidth.Store(s23, ref t2, 3 * lanes);
        ref float t3 = ref Unsafe.Add(ref t0, 3 * inputs);
        TWidth.Store(s30, ref t3, 0); TWidth.Store(s31, ref t3, lanes); TWidth.Store(s32, ref t3, 2 * lanes); TWidth.Store(s33, ref t3, 3 * lanes);
    }

    private static void InputTile1x4(ref float w, ref float dz, ref float dx, int inputs, int units, int e, int k)
    {
        int lanes = TWidth.Lanes;
        ref float d = ref Unsafe.Add(ref dz, e * units);
        TVector s0 = default, s1 = default, s2 = default, s3 = default;
        for (int u = 0; u < units; u++)
        {
            ref float row = ref Unsafe.Add(ref w, u * inputs + k);
            TVector b = TWidth.Broadcast(Unsafe.Add(ref d, u));
            s0 = TWidth.MultiplyAdd(TWidth.Load(ref row, 0), b, s0);
            s1 = TWidth.MultiplyAdd(TWidth.Load(ref row, lanes), b, s1);
            s2 = TWidth.MultiplyAdd(TWidth.Load(ref row, 2 * lanes), b, s2);
            s3 = TWidth.MultiplyAdd(TWidth.Load(ref row, 3 * lanes), b, s3);
        }

        ref float t = ref Unsafe.Add(ref dx, e * inputs + k);
        TWidth.Store(s0, ref t, 0); TWidth.Store(s1, ref t, lanes); TWidth.Store(s2, ref t, 2 * lanes); TWidth.Store(s3, ref t, 3 * lanes);
    }

    private static void InputTile1x1(ref float w, ref float dz, ref float dx, int inputs, int units, int e, int k)
    {
        ref float d = ref Unsafe.Add(ref dz, e * units);
        TVector sum = default;
        for (int u = 0; u < units; u++) sum = TWidth.MultiplyAdd(TWidth.Load(ref w, u * inputs + k), TWidth.Broadcast(Unsafe.Add(ref d, u)), sum);
        TWidth.Store(sum, ref dx, e * inputs + k);
    }

    /// <summary><c>target[i] += scale * source[i]</c> for <c>from &lt;= i &lt; to</c>.</summary>
    private static void AddScaled(ref float target, ref float source, float scale, int from, int to)
    {
        TVector s = TWidth.Broadcast(scale);
        int i = from;
        for (; i <= to - TWidth.Lanes; i += TWidth.Lanes) TWidth.Store(TWidth.MultiplyAdd(TWidth.Load(ref source, i), s, TWidth.Load(ref target, i)), ref target, i);
        for (; i < to; i++) Unsafe.Add(ref target, i) += scale * Unsafe.Add(ref source, i);
    }

    private static float Dot(ref float a, ref float b, int length)
    {
        TVector s0 = default, s1 = default, s2 = default, s3 = default;
        int lanes = TWidth.Lanes, i = 0;
        for (; i <= length - 4 * lanes; i += 4 * lanes)
        {
            s0 = TWidth.MultiplyAdd(TWidth.Load(ref a, i), TWidth.Load(ref b, i), s0);
            s1 = TWidth.MultiplyAdd(TWidth.Load(ref a, i + lanes), TWidth.Load(ref b, i + lanes), s1);
            s2 = TWidth.MultiplyAdd(TWidth.Load(ref a, i + 2 * lanes), TWidth.Load(ref b, i + 2 * lanes), s2);
            s3 = TWidth.MultiplyAdd(TWidth.Load(ref a, i + 3 * lanes), TWidth.Load(ref b, i + 3 * lanes), s3);
        }

        for (; i <= length - lanes; i += lanes) s0 = TWidth.MultiplyAdd(TWidth.Load(ref a, i), TWidth.Load(ref b, i), s0);
        float result = Vector128.Sum(TWidth.Sums(s0, s1, s2, s3));
        for (; i < length; i++) result += Unsafe.Add(ref a, i) * Unsafe.Add(ref b, i);
        return result;
    }
}
#endif
