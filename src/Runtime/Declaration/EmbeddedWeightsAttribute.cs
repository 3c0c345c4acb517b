using System;

namespace NetGen;

/// <summary>
/// Bakes trained weights from a safetensors file into the assembly at compile time. List the file as
/// <c>&lt;AdditionalFiles Include="policy.safetensors" /&gt;</c>; the generator checks it against the declared
/// layers and adds a static <c>CreatePretrained()</c> method that needs no file access at run time.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class EmbeddedWeightsAttribute : Attribute
{
    /// <summary>Names the safetensors file, relative to the project or as listed in <c>AdditionalFiles</c>.</summary>
    public EmbeddedWeightsAttribute(string path) => Path = path;

    /// <summary>The file's path as written in the attribute.</summary>
    public string Path { get; }
}
