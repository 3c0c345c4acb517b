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
    /// metadata key concerned. An ONNX model names a byte offset for everything the protobuf reader sees (a field, a
    /// tensor, the graph as a whole) and otherwise the graph element, in one of two fixed forms: a node by its index in
    /// <c>GraphProto.node</c> and its operator, <c>node 3 (Gemm '/0/Gemm')</c>, or a graph input or output by name,
    /// <c>graph input 'x'</c>. Both are what a model viewer shows, and the node form is how every interpretation error
    /// (operators, attributes, weight shapes, activations) begins.
    /// </summary>
    public static readonly Regex Position = new(
        @"\bbyte \d+|\bline \d+|'netgen\.[a-z_.]+'|\bnode \d+ \(|\bgraph (?:input|output) '",
        RegexOptions.CultureInvariant);

    /// <summary>Runs <paramref name="target"/> on <paramref name="path"/>; returns the clean rejection, if any.</summary>
    /// <exception cref="ContractViolationException">The parser threw an exception that breaks the contract.</exception>
    public static InvalidDataException? Run(FuzzTarget target, string path) => Run(target.Run, path);

    /// <summary>Runs <paramref name="parse"/> (a target's loader) on <paramref name="path"/>; returns the clean rejection, if any.</summary>
    /// <exception cref="ContractViolationException">The parser threw an exception that breaks the contract.</exception>
    public static InvalidDataException? Run(Action<string> parse, string path)
    {
        try
        {
            parse(path);
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
