namespace NetGen.Generator.Plan;

/// <summary>
/// One of the explicit vector widths the .NET 8+ per-example kernels are written for. The generated code tries them
/// widest first, each behind its JIT-time constant <c>IsHardwareAccelerated</c> test, so only one survives in the
/// machine code; netstandard2.1 consumers get the portable <c>Vector&lt;T&gt;</c> and scalar paths instead.
/// </summary>
/// <param name="Bits">The width in bits: 512, 256 or 128.</param>
/// <param name="Vector">The vector type, fully qualified.</param>
/// <param name="Statics">The static class with <c>LoadUnsafe</c>, <c>Create</c> and <c>IsHardwareAccelerated</c>.</param>
/// <param name="Helper">The runtime's helper class for this width (<c>MultiplyAdd</c>, <c>Sums</c>).</param>
/// <param name="ReducesEightRows">Whether <c>Helper.Sums</c> of eight accumulators exists (one 256-bit result); the 128-bit path reduces four at a time.</param>
internal sealed record VectorWidth(int Bits, string Vector, string Statics, string Helper, bool ReducesEightRows)
{
    public static readonly VectorWidth W512 = new(512, "global::System.Runtime.Intrinsics.Vector512<float>",
        "global::System.Runtime.Intrinsics.Vector512", "global::NetGen.Kernels.Simd512", true);

    public static readonly VectorWidth W256 = new(256, "global::System.Runtime.Intrinsics.Vector256<float>",
        "global::System.Runtime.Intrinsics.Vector256", "global::NetGen.Kernels.Simd256", true);

    public static readonly VectorWidth W128 = new(128, "global::System.Runtime.Intrinsics.Vector128<float>",
        "global::System.Runtime.Intrinsics.Vector128", "global::NetGen.Kernels.Simd128", false);

    /// <summary>Widest first: the order the generated code tests them in.</summary>
    public static readonly VectorWidth[] WidestFirst = { W512, W256, W128 };

    /// <summary>Floats per vector.</summary>
    public int Lanes => Bits / 32;

    /// <summary>A load of <see cref="Lanes"/> floats at <paramref name="offset"/> elements from <paramref name="reference"/>.</summary>
    public string Load(string reference, string offset) =>
        $"{Statics}.LoadUnsafe(ref {reference}, (nuint){(IsSimple(offset) ? offset : $"({offset})")})";

    /// <summary>A store of <paramref name="value"/> at <paramref name="offset"/> elements from <paramref name="reference"/>.</summary>
    public string Store(string value, string reference, string offset) =>
        $"{Statics}.StoreUnsafe({value}, ref {reference}, (nuint){(IsSimple(offset) ? offset : $"({offset})")});";

    public string MultiplyAdd(string a, string b, string addend) => $"{Helper}.MultiplyAdd({a}, {b}, {addend})";

    private static bool IsSimple(string expression) => System.Linq.Enumerable.All(expression, char.IsLetterOrDigit);
}
