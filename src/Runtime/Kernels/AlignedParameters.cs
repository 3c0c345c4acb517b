using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace NetGen.Kernels;

/// <summary>
/// A generated network's parameter vector, starting on a 64-byte boundary where the runtime allows it. Called by
/// generated code; not meant to be used directly.
/// </summary>
/// <remarks>
/// <para>An ordinary array's elements start 16 bytes into the object, so every 512-bit load of a weight row straddles two
/// cache lines, and Intel cores issue such a load twice. The weights are the stream of every forward pass (a 784-128-10
/// network reads 400 KB of them per example), so on .NET 8 and later the vector is a slice of a pinned array (on the
/// pinned object heap, which never moves it) that starts on a cache line. Layers whose weights start at a multiple of
/// 16 floats, and whose rows are multiples of 16 floats long, then load only whole cache lines.</para>
/// <para>On netstandard2.1 (Unity's Mono) there is no pinned heap; the vector is a plain array and the alignment is
/// whatever the GC gives. Either way the arithmetic is the same, so the results do not depend on it.</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class AlignedParameters
{
    private const int AlignmentBytes = 64;

    private readonly float[] _storage;
    private readonly int _start, _length;

    /// <summary>Allocates <paramref name="length"/> zeroed floats.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public AlignedParameters(int length)
    {
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), length, "The parameter count must not be negative.");
        _length = length;
#if NET8_0_OR_GREATER
        _storage = GC.AllocateArray<float>(length + AlignmentBytes / sizeof(float), pinned: true);
        _start = FloatsToBoundary(_storage);
#else
        _storage = new float[length];
        _start = 0;
#endif
    }

    /// <summary>The parameters.</summary>
    public Span<float> Span
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new Span<float>(_storage, _start, _length);
    }

#if NET8_0_OR_GREATER
    private static unsafe int FloatsToBoundary(float[] pinned)
    {
        nuint address = (nuint)Unsafe.AsPointer(ref pinned[0]);
        return (int)((AlignmentBytes - (address & (AlignmentBytes - 1))) & (AlignmentBytes - 1)) / sizeof(float);
    }
#endif
}
