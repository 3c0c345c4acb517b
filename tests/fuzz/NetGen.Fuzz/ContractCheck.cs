using System;
using System.IO;
using System.Text.RegularExpressions;

namespace NetGen.Fuzz;

/// <summary>
/// The contract every parser keeps on hostile input: it loads, or it throws <see cref="InvalidDataException"/> whose
/// message names the file and a position in it. Anything else is a finding.
/// </summary>
public static class ContractCheck
{
    /// <summary>
    /// What counts as naming a position: a byte offset or a line (the loaders' own forms), or, for a weight file's
    /// metadata (one JSON object inside the header, whose values NetGen parses after the container checks), the
    /// metadata key concerned.
    /// </summary>
    public static readonly Regex Position = new(@"\bbyte \d+|\bline \d+|'netgen\.[a-z_.]+'", RegexOptions.CultureInvariant);

    /// <summary>Runs <paramref name="target"/> on <paramref name="path"/>; returns the clean rejection, if any.</summary>
    /// <exception cref="ContractViolationException">The parser threw an exception that breaks the contract.</exception>
    public static InvalidDataException? Run(FuzzTarget target, string path)
    {
        try
        {
            target.Run(path);
            return null;
        }
        catch (InvalidDataException e)
        {
            if (!e.Message.Contains(path, StringComparison.Ordinal))
                throw new ContractViolationException($"the message does not name the file: {e.Message}", e);
            if (!Position.IsMatch(e.Message))
                throw new ContractViolationException($"the message names no position: {e.Message}", e);
            return e;
        }
        catch (Exception e)
        {
            throw new ContractViolationException($"{e.GetType().FullName}: {e.Message}", e);
        }
    }
}

/// <summary>A parser broke its contract on some input (see <see cref="ContractCheck"/>).</summary>
public sealed class ContractViolationException : Exception
{
    /// <summary>Wraps what the parser did.</summary>
    public ContractViolationException(string message, Exception inner) : base(message, inner) { }
}
