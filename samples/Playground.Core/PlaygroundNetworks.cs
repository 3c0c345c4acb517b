using System;

namespace NetGen.Playground;

/// <summary>
/// The one place the Playground reaches the runtime's run-time-architecture network: creating one, and writing the
/// attribute declaration that generates the same network at compile time.
/// </summary>
public static class PlaygroundNetworks
{
    /// <summary>A freshly initialised <see cref="DynamicNetwork"/> of <paramref name="architecture"/>: the parameters a generated class with the same seed starts from.</summary>
    public static INetwork Create(NetworkArchitecture architecture, int seed) => new DynamicNetwork(architecture, seed);

    /// <summary>The C# declaration (<c>[Network]</c> and one <c>[Dense]</c> per layer) of <paramref name="architecture"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="className"/> is not a C# identifier.</exception>
    public static string Declaration(NetworkArchitecture architecture, string className)
    {
        if (architecture is null) throw new ArgumentNullException(nameof(architecture));
        return architecture.ToDeclaration(className);
    }
}
