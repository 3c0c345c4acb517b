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
    public const string NetworkArgument = "global::NetGen.GeneratedCode.NetworkArgument";
    public const string WeightInitializer = "global::NetGen.GeneratedCode.WeightInitializer";
    public const string DropoutMask = "global::NetGen.GeneratedCode.DropoutMask";
    public const string ActivationKernels = "global::NetGen.GeneratedCode.ActivationKernels";

    /// <summary><c>MemoryMarshal.Cast</c> of a float span to a span of <c>Vector&lt;float&gt;</c>.</summary>
    public static string CastToVectors(string span) => $"{MemoryMarshal}.Cast<float, {Vector}>({span})";
}
