using System;

namespace NetGen.Generator.Weights;

/// <summary>
/// Immutable bytes with value equality, for weight data in the incremental cache. Comparing is a vectorised span
/// compare, so a megabyte of weights costs the driver well under a millisecond per run; the hash samples only the
/// length and a few bytes because equality, not hashing, is what the driver relies on.
/// </summary>
internal sealed class ByteBlob : IEquatable<ByteBlob>
{
    private readonly byte[] _bytes;

    /// <summary>Takes ownership of <paramref name="bytes"/>: callers must not change it afterwards.</summary>
    public ByteBlob(byte[] bytes) => _bytes = bytes;

    public int Length => _bytes.Length;

    public ReadOnlySpan<byte> Span => _bytes;

    public bool Equals(ByteBlob? other) => other is not null && (ReferenceEquals(this, other) || Span.SequenceEqual(other.Span));

    public override bool Equals(object? obj) => Equals(obj as ByteBlob);

    public override int GetHashCode()
    {
        int hash = _bytes.Length;
        for (int i = 0; i < _bytes.Length; i += 1 + _bytes.Length / 16) hash = unchecked(hash * 31 + _bytes[i]);
        return hash;
    }
}
