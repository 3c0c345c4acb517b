using System;
using System.Numerics;
using System.Reflection;
using System.Runtime.Intrinsics;
using System.Runtime.Versioning;
using NetGen.TestNetworks;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests.GeneratedCode;

/// <summary>
/// Which per-example kernel path the generated networks take in this process, printed so each CI run shows what it
/// covered, and checked against <c>NETGEN_EXPECT_KERNEL_PATH</c> when a run says what it is meant to cover (the
/// <c>DOTNET_Enable*</c> switches are easy to get wrong, and a run that silently takes another path covers nothing new).
/// </summary>
public sealed class KernelPathTests
{
    private readonly ITestOutputHelper _output;

    public KernelPathTests(ITestOutputHelper output) => _output = output;

    /// <summary>
    /// The path as the generated code chooses it: the explicit widths exist only in the .NET 8+ build of the networks,
    /// widest accelerated first; the netstandard2.1 build (what Unity gets) has the portable Vector&lt;T&gt; and scalar paths.
    /// </summary>
    public static string SelectedPath()
    {
        string? framework = typeof(Control16).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;
        bool explicitWidths = framework is not null && !framework.StartsWith(".NETStandard", StringComparison.Ordinal);
        if (explicitWidths && Vector512.IsHardwareAccelerated) return "512";
        if (explicitWidths && Vector256.IsHardwareAccelerated) return "256";
        if (explicitWidths && Vector128.IsHardwareAccelerated) return "128";
        return Vector.IsHardwareAccelerated ? "vector" : "scalar";
    }

    [Fact]
    public void ReportsAndChecksTheSelectedPath()
    {
        string? framework = typeof(Control16).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;
        string path = SelectedPath();
        _output.WriteLine($"networks built for {framework}; Vector512 {Vector512.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}, " +
                          $"Vector128 {Vector128.IsHardwareAccelerated}, Vector<T> {Vector.IsHardwareAccelerated} ({Vector<float>.Count} floats): path {path}");
        Console.WriteLine($"NetGen kernel path: {path} (networks {framework}, Vector<float>.Count {Vector<float>.Count})");

        // The widths nest: hardware that accelerates a width accelerates every narrower one.
        if (Vector512.IsHardwareAccelerated) Assert.True(Vector256.IsHardwareAccelerated);
        if (Vector256.IsHardwareAccelerated) Assert.True(Vector128.IsHardwareAccelerated);

        string? expected = Environment.GetEnvironmentVariable("NETGEN_EXPECT_KERNEL_PATH");
        if (!string.IsNullOrEmpty(expected)) Assert.Equal(expected, path);
    }
}
