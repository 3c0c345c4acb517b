using System.Linq;
using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Helpers;

/// <summary>
/// A diagnostic as equatable data: the descriptor, where it points, and its message arguments as strings.
/// The parser produces these beside the model; the generator turns them into <see cref="Diagnostic"/>s only when it reports.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArgs)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object?[] args) =>
        new(descriptor, location, args.Select(a => a switch
        {
            null => "",
            float f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            System.IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => a.ToString() ?? "",
        }).ToEquatableArray());

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, MessageArgs.Select(a => (object)a).ToArray());
}
