using System;
using System.Globalization;
using System.Text;

namespace NetGen.Playground;

/// <summary>
/// The one place the Playground reaches the runtime's run-time-architecture network: creating one, and writing the
/// attribute declaration that generates the same network at compile time.
/// </summary>
/// <remarks>
/// Until <c>DynamicNetwork</c> (issue 11, item 1) is merged, this creates the <see cref="InterimDenseNetwork"/> and
/// writes the declaration itself; then both calls forward to <c>new DynamicNetwork(architecture, seed)</c> and
/// <c>architecture.ToDeclaration(className)</c> and nothing else in the Playground changes.
/// </remarks>
public static class PlaygroundNetworks
{
    /// <summary>A freshly initialised network of <paramref name="architecture"/>, seeded as a generated class would be.</summary>
    public static INetwork Create(NetworkArchitecture architecture, int seed) => new InterimDenseNetwork(architecture, seed);

    /// <summary>The C# declaration (<c>[Network]</c> and one <c>[Dense]</c> per layer) of <paramref name="architecture"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="className"/> is not a C# identifier.</exception>
    public static string Declaration(NetworkArchitecture architecture, string className)
    {
        if (architecture is null) throw new ArgumentNullException(nameof(architecture));
        if (!IsIdentifier(className)) throw new ArgumentException($"'{className}' is not a C# class name.", nameof(className));
        var text = new StringBuilder();
        text.Append("using NetGen;\n\n");
        text.Append("[Network(").Append(architecture.InputSize.ToString(CultureInfo.InvariantCulture)).Append(")]\n");
        foreach (LayerInfo layer in architecture.Layers)
            text.Append("[Dense(").Append(layer.Units.ToString(CultureInfo.InvariantCulture)).Append(", Activation.").Append(layer.Activation).Append(")]\n");
        text.Append("public partial class ").Append(className).Append("\n{\n}\n"); // a body, not ";": valid C# 9 (Unity)
        return text.ToString();
    }

    private static bool IsIdentifier(string? name)
    {
        if (string.IsNullOrEmpty(name) || !(char.IsLetter(name[0]) || name[0] == '_')) return false;
        foreach (char c in name)
            if (!(char.IsLetterOrDigit(c) || c == '_')) return false;
        return true;
    }
}
