using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace NetGen.Kernels;

/// <summary>
/// Argument-check failures for generated networks. The generated methods test lengths inline and call these only to
/// throw, so the hot methods stay small enough to inline and the message formatting never runs on the happy path.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NetworkArgument
{
    /// <summary>
    /// Throws because a span that must hold exactly one vector has the wrong length, with a message such as
    /// "input has 5 elements; Tiny expects InputSize = 3."
    /// </summary>
    /// <param name="paramName">The argument's name.</param>
    /// <param name="actual">The span's length.</param>
    /// <param name="network">The network class's name.</param>
    /// <param name="sizeName">The constant the length must equal, such as <c>InputSize</c>.</param>
    /// <param name="expected">That constant's value.</param>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowWrongLength(string paramName, int actual, string network, string sizeName, int expected) =>
        throw new ArgumentException($"{paramName} has {actual} elements; {network} expects {sizeName} = {expected}.", paramName);

    /// <summary>
    /// Throws because a batch span is shorter than <paramref name="count"/> rows, with a message such as
    /// "inputs has 10 elements; Tiny needs count * InputSize = 4 * 3 = 12."
    /// </summary>
    /// <param name="paramName">The argument's name.</param>
    /// <param name="actual">The span's length.</param>
    /// <param name="network">The network class's name.</param>
    /// <param name="sizeName">The row length's constant, such as <c>InputSize</c>.</param>
    /// <param name="rowLength">That constant's value.</param>
    /// <param name="count">The number of examples requested.</param>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowTooShortForCount(string paramName, int actual, string network, string sizeName, int rowLength, int count) =>
        throw new ArgumentException(
            $"{paramName} has {actual} elements; {network} needs count * {sizeName} = {count} * {rowLength} = {(long)count * rowLength}.",
            paramName);

    /// <summary>
    /// Throws because an index into a generated fixed-size buffer is outside it, with a message such as
    /// "index is 3; Tiny.Input has Length = 3, so the index must be 0 to 2."
    /// </summary>
    /// <param name="paramName">The argument's name.</param>
    /// <param name="index">The index asked for.</param>
    /// <param name="buffer">The buffer type's name, such as <c>Tiny.Input</c>.</param>
    /// <param name="length">The buffer's length.</param>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowIndexOutOfRange(string paramName, int index, string buffer, int length) =>
        throw new ArgumentOutOfRangeException(paramName, index,
            $"{paramName} is {index}; {buffer} has Length = {length}, so the {paramName} must be 0 to {length - 1}.");

    /// <summary>Throws because a batch size is negative.</summary>
    /// <param name="paramName">The argument's name.</param>
    /// <param name="count">The negative count.</param>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowNegativeCount(string paramName, int count) =>
        throw new ArgumentException($"{paramName} is {count}; the number of examples cannot be negative.", paramName);

    /// <summary>
    /// Checks that a batch span holds at least <paramref name="count"/> rows of <paramref name="rowLength"/> elements.
    /// The product is taken in 64 bits so a huge count cannot wrap around and pass.
    /// </summary>
    /// <param name="actual">The span's length.</param>
    /// <param name="paramName">The argument's name.</param>
    /// <param name="network">The network class's name.</param>
    /// <param name="sizeName">The row length's constant, such as <c>InputSize</c>.</param>
    /// <param name="rowLength">That constant's value.</param>
    /// <param name="count">The number of examples requested; already known to be non-negative.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckRows(int actual, string paramName, string network, string sizeName, int rowLength, int count)
    {
        if (actual < (long)count * rowLength) ThrowTooShortForCount(paramName, actual, network, sizeName, rowLength, count);
    }
}
