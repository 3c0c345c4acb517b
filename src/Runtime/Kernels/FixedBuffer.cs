using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Kernels;

/// <summary>
/// What the generated <c>Input</c> and <c>Output</c> structs need and C# 9 cannot say without an unsafe context: a
/// read-only span over a buffer passed by <c>in</c>, and element-wise equality and hashing. Called by generated code; not
/// meant to be used directly.
/// </summary>
/// <remarks>
/// Each struct is laid out as C# lowers a fixed buffer: one <see cref="float"/> field and
/// <c>[StructLayout(LayoutKind.Sequential, Size = length * 4)]</c>, the other elements following the field inside the
/// struct. A writable span over it is <see cref="MemoryMarshal.CreateSpan{T}(ref T, int)"/> of the field, which generated
/// code calls itself; a read-only one needs a <c>ref</c> from an <c>in</c> reference, which is
/// <c>Unsafe.AsRef</c>, and netstandard2.1 has no <c>System.Runtime.CompilerServices.Unsafe</c>.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class FixedBuffer
{
    /// <summary>
    /// A read-only span of <paramref name="length"/> floats starting at <paramref name="first"/>, without copying them.
    /// </summary>
    /// <param name="first">The buffer's first element, the struct's one field.</param>
    /// <param name="length">The buffer's length; the struct's size must cover it.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<float> AsReadOnlySpan(in float first, int length) =>
        MemoryMarshal.CreateReadOnlySpan(ref AsMutable(in first), length);

    /// <summary>
    /// Whether two buffers hold the same elements as <see cref="float.Equals(float)"/> compares them: NaN equals NaN,
    /// and 0 equals -0.
    /// </summary>
    /// <param name="left">One buffer.</param>
    /// <param name="right">The other, of the same length.</param>
    public static bool SequenceEqual(ReadOnlySpan<float> left, ReadOnlySpan<float> right) =>
        // float is not bitwise-equatable, so the span comparison calls float.Equals per element.
        MemoryExtensions.SequenceEqual(left, right);

    /// <summary>
    /// A hash of every element, consistent with <see cref="SequenceEqual"/>: 0 and -0 hash alike, and so do all NaNs
    /// (netstandard2.1 runtimes need not normalise them in <see cref="float.GetHashCode"/>).
    /// </summary>
    /// <param name="values">The buffer.</param>
    public static int GetHashCode(ReadOnlySpan<float> values)
    {
        var hash = new HashCode();
        foreach (float value in values)
            hash.Add(float.IsNaN(value) ? float.NaN : value == 0 ? 0f : value);
        return hash.ToHashCode();
    }

#if NET8_0_OR_GREATER
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref float AsMutable(in float value) => ref Unsafe.AsRef(in value);
#else
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref float AsMutable(in float value) => ref AsMutableThroughFunctionPointer(in value);
#endif

    /// <summary>
    /// <c>Unsafe.AsRef(in value)</c> in C# alone, for netstandard2.1: the identity on <c>ref float</c> called through a
    /// function pointer typed as taking <c>in float</c>. The two signatures differ only in the <c>in</c> modifier (a custom
    /// modifier the calling convention ignores), so the call passes the same address through. Compiled on every target
    /// so the tests, which run on .NET, exercise the path Unity gets.
    /// </summary>
    internal static unsafe ref float AsMutableThroughFunctionPointer(in float value) =>
        ref ((delegate*<in float, ref float>)(delegate*<ref float, ref float>)&Identity)(in value);

    private static ref float Identity(ref float value) => ref value;
}
