using System;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Helpers;
using NetGen.Safetensors;

namespace NetGen.Generator.Weights;

/// <summary>
/// The read step: reads and parses one AdditionalFile that an <c>[EmbeddedWeights]</c> attribute names. It runs only
/// when that AdditionalFile or the set of requested paths changes, so edits to C# code never re-read the file.
/// </summary>
/// <remarks>
/// The bytes come from <see cref="AdditionalText.Path"/>, not <see cref="AdditionalText.GetText"/>: the compiler
/// decodes AdditionalFiles as text (UTF-8 first, then a fallback that is lossy UTF-8 on Linux and macOS), strips byte
/// order marks, and reports error CS2015 for a non-UTF-8 file that holds two consecutive zero bytes, which every
/// safetensors length prefix does. No text decoding gets the exact bytes of a binary file back, so this step reads the
/// file itself (docs/embedded-weights.md has the measurements). MSBuild lists AdditionalFiles among the compiler's
/// inputs, so editing the file re-runs the compiler, and every host hands the generator a new AdditionalText for a
/// changed file, which is what keys this step.
/// </remarks>
internal static class WeightsFileReader
{
    /// <summary>
    /// The largest file embedded. Baked weights live in the assembly's string heap, which .NET caps at 16 MiB for all of
    /// an assembly's string literals together; 12 MiB (3 million parameters) leaves the rest for the program's own.
    /// </summary>
    public const long MaxFileBytes = 12L * 1024 * 1024;

    /// <summary>Reads <paramref name="file"/> if some request names it; otherwise null.</summary>
    public static WeightsFile? ReadIfRequested(AdditionalText file, WeightsRequests requests, CancellationToken cancellationToken)
    {
        EquatableArray<string> requestedAs = requests.Paths.Where(p => WeightsPathMatcher.Matches(file.Path, p, requests.ProjectDirectory)).ToEquatableArray();
        if (requestedAs.Count == 0) return null;
        cancellationToken.ThrowIfCancellationRequested();
        string? problem = TryReadAllBytes(file.Path, out byte[] bytes);
        if (problem is not null) return Unusable(file.Path, requestedAs, problem);
        return OnnxWeightsReader.IsOnnx(file.Path) ? OnnxWeightsReader.Parse(file.Path, requestedAs, bytes) : Parse(file.Path, requestedAs, bytes);
    }

    /// <summary>Parses a whole safetensors file held in memory. Never throws: every problem becomes <see cref="WeightsFile.Problem"/>.</summary>
    public static WeightsFile Parse(string path, EquatableArray<string> requestedAs, byte[] bytes)
    {
        SafetensorsError? error = SafetensorsParser.ReadHeaderLength(bytes, bytes.Length, out long headerLength);
        if (error is not null) return Unusable(path, requestedAs, error.ToString());
        long dataStart = SafetensorsParser.PrefixLength + headerLength;
        error = SafetensorsParser.ParseHeader(bytes.AsSpan(SafetensorsParser.PrefixLength, (int)headerLength), bytes.Length - dataStart, out SafetensorsHeader? header);
        if (error is not null) return Unusable(path, requestedAs, error.ToString());

        EquatableArray<WeightsTensor> tensors = header!.Tensors
            .Select(t => new WeightsTensor(t.Name, t.DType, t.Shape.ToEquatableArray(), t.Begin, t.End, t.HeaderOffset))
            .ToEquatableArray();
        return new WeightsFile(path, requestedAs, null, tensors, headerLength, new ByteBlob(bytes.AsSpan((int)dataStart).ToArray()));
    }

    private static WeightsFile Unusable(string path, EquatableArray<string> requestedAs, string problem) =>
        new(path, requestedAs, problem, EquatableArray<WeightsTensor>.Empty, 0, new ByteBlob(Array.Empty<byte>()));

    private static string? TryReadAllBytes(string path, out byte[] bytes)
    {
        bytes = Array.Empty<byte>();
        try
        {
            // RS1035 bans file IO in analyzers because text files should come through AdditionalText; binary files
            // cannot (see the remarks above). The path is the one the compiler was given, so the build's inputs and
            // this read agree.
#pragma warning disable RS1035
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > MaxFileBytes)
                return $"the file is {stream.Length} bytes; NetGen embeds files of up to {MaxFileBytes} bytes (the assembly's string heap holds 16 MiB); load larger networks at run time with net.Load";
            bytes = new byte[stream.Length];
            int read = 0;
            while (read < bytes.Length)
            {
                int n = stream.Read(bytes, read, bytes.Length - read);
                if (n == 0) return $"the file shrank to {read} bytes while it was read";
                read += n;
            }
#pragma warning restore RS1035
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            return $"the file could not be read ({exception.GetType().Name}: {exception.Message})";
        }
    }
}
