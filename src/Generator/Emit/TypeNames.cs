namespace NetGen.Generator.Emit;

/// <summary>
/// Fully qualified names for everything the generated code refers to, so a user type called <c>Span</c>, <c>Vector</c>
/// or <c>NetGen</c> in the network's namespace cannot capture a reference.
/// </summary>
internal static class TypeNames
{
    public const string Span = "global::System.Span<float>";
    public const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    public const string VectorSpan = "global::System.Span<global::System.Numerics.Vector<float>>";
    public const string ReadOnlyVectorSpan = "global::System.ReadOnlySpan<global::System.Numerics.Vector<float>>";
    public const string Vector = "global::System.Numerics.Vector<float>";
    public const string VectorStatics = "global::System.Numerics.Vector";
    public const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";
    public const string MathF = "global::System.MathF";
    public const string Interlocked = "global::System.Threading.Interlocked";
    public const string ThreadStatic = "global::System.ThreadStatic";
    public const string INetwork = "global::NetGen.INetwork";
    public const string Architecture = "global::NetGen.NetworkArchitecture";
    public const string LayerInfo = "global::NetGen.LayerInfo";
    public const string Activation = "global::NetGen.Activation";
    public const string Loss = "global::NetGen.Loss";
    public const string Init = "global::NetGen.Init";
    public const string NetworkArgument = "global::NetGen.Kernels.NetworkArgument";
    public const string FixedBuffer = "global::NetGen.Kernels.FixedBuffer";
    public const string WeightInitializer = "global::NetGen.Kernels.WeightInitializer";
    public const string AlignedParameters = "global::NetGen.Kernels.AlignedParameters";
    public const string DropoutMask = "global::NetGen.Kernels.DropoutMask";
    public const string ActivationKernels = "global::NetGen.Kernels.ActivationKernels";
    public const string Simd256 = "global::NetGen.Kernels.Simd256";
    public const string BatchKernels = "global::NetGen.Kernels.BatchKernels";
    public const string Vector256 = "global::System.Runtime.Intrinsics.Vector256<float>";
    public const string Vector256Statics = "global::System.Runtime.Intrinsics.Vector256";
    public const string Vector128 = "global::System.Runtime.Intrinsics.Vector128<float>";
    public const string Vector128Statics = "global::System.Runtime.Intrinsics.Vector128";
    public const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";

    /// <summary>The preprocessor symbol that guards the .NET 8+ kernels; netstandard2.1 consumers (Unity) never see them.</summary>
    public const string Net8Symbol = "NET8_0_OR_GREATER";

    /// <summary><c>MemoryMarshal.Cast</c> of a float span to a span of <c>Vector&lt;float&gt;</c>.</summary>
    public static string CastToVectors(string span) => $"{MemoryMarshal}.Cast<float, {Vector}>({span})";

    /// <summary>A <c>ref float</c> to a span's first element, for the bounds-check-free .NET 8+ kernels.</summary>
    public static string RefTo(string span) => $"ref {MemoryMarshal}.GetReference({span})";

    /// <summary>A 256-bit load of 8 floats at <paramref name="offset"/> (elements) from <paramref name="reference"/>.</summary>
    public static string Load256(string reference, string offset) => $"{Vector256Statics}.LoadUnsafe(ref {reference}, (nuint){(IsSimple(offset) ? offset : $"({offset})")})";

    private static bool IsSimple(string expression) => System.Linq.Enumerable.All(expression, char.IsLetterOrDigit);
}
