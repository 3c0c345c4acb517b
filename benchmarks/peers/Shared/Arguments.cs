using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen.Peers;

/// <summary>The runners' command line: a peer/workload pair of words, then <c>--name value</c> options.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    public Arguments(string[] args, int positional)
    {
        if (args.Length < positional) throw new ArgumentException($"expected {positional} words before the options; got {args.Length}.");
        Positional = args[..positional];
        for (int i = positional; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"options are '--name value' pairs; got '{args[i]}'.");
            _options[args[i][2..]] = args[i + 1];
        }
    }

    public string[] Positional { get; }

    public string Text(string name, string? fallback = null) =>
        _options.TryGetValue(name, out string? value) ? value
        : fallback ?? throw new ArgumentException($"--{name} is required.");

    public string? Optional(string name) => _options.TryGetValue(name, out string? value) ? value : null;

    public int Integer(string name, int fallback) =>
        _options.TryGetValue(name, out string? value) ? int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;

    public double Number(string name, double fallback) =>
        _options.TryGetValue(name, out string? value) ? double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture) : fallback;
}
