using System.Numerics;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace NetGen;

/// <summary>
/// The vector width NetGen's kernels run at in this process, so an application can check at startup that it got the
/// fast path. A NativeAOT build at default settings targets a baseline x64 CPU and compiles only the 128-bit kernels,
/// even on a machine with AVX-512; see docs/performance.md for the <c>IlcInstructionSet</c> setting that avoids it.
/// </summary>
public static class KernelWidth
{
    /// <summary>
    /// The widest accelerated vector in bits: 512, 256 or 128 on .NET 8+ (0 when no vector is accelerated, the scalar
    /// path); on netstandard2.1 runtimes (Unity Mono), the width of <see cref="Vector{T}"/>, or 0 where it is not accelerated.
    /// </summary>
    public static int Bits
    {
        get
        {
#if NET8_0_OR_GREATER
            if (Vector512.IsHardwareAccelerated) return 512;
            if (Vector256.IsHardwareAccelerated) return 256;
            if (Vector128.IsHardwareAccelerated) return 128;
            return 0;
#else
            return Vector.IsHardwareAccelerated ? Vector<float>.Count * 32 : 0;
#endif
        }
    }

    /// <summary>One line for a log: the width, and a hint when the process runs narrower kernels than usual.</summary>
    public static string Description => Bits switch
    {
        0 => "NetGen kernels: scalar (no accelerated vectors in this process)",
#if NET8_0_OR_GREATER
        128 => "NetGen kernels: 128-bit vectors (a NativeAOT build at default settings, or a CPU without AVX2; see docs/performance.md)",
#endif
        int bits => $"NetGen kernels: {bits}-bit vectors",
    };
}
