#if NET8_0_OR_GREATER
using System;

namespace NetGen.Kernels.Batch;

/// <summary>
/// One scratch buffer per thread whose start is on a 64-byte boundary, for kernels that copy an operand into an aligned
/// layout (why alignment matters: <see cref="AlignedParameters"/>, whose pinned, aligned storage this reuses). It grows
/// to the largest size asked for on the thread and is then reused: no allocation per call.
/// </summary>
internal static class AlignedScratch
{
    [ThreadStatic] private static AlignedParameters? t_buffer;

    /// <summary>A buffer of at least <paramref name="length"/> floats on this thread, 64-byte aligned; its contents are undefined.</summary>
    public static Span<float> Get(int length)
    {
        AlignedParameters? buffer = t_buffer;
        if (buffer is null || buffer.Span.Length < length) t_buffer = buffer = new AlignedParameters(length);
        return buffer.Span.Slice(0, length);
    }
}
#endif
