using System;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace NetGen.Generator.Tests.EmbeddedWeights;

/// <summary>
/// An AdditionalFile backed by a real file, as the compiler passes one. <see cref="GetText"/> throws: csc cannot decode
/// a binary file as text (it reports CS2015), so the generator must never ask for the text.
/// </summary>
internal sealed class WeightsAdditionalText : AdditionalText, IDisposable
{
    private readonly string? _ownedDirectory;

    public WeightsAdditionalText(string path) => Path = path;

    private WeightsAdditionalText(string path, string ownedDirectory)
    {
        Path = path;
        _ownedDirectory = ownedDirectory;
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException($"The generator asked for the text of binary file '{Path}'.");

    /// <summary>Writes <paramref name="bytes"/> to a new file named <paramref name="fileName"/> in a fresh temp folder.</summary>
    public static WeightsAdditionalText Create(string fileName, byte[] bytes)
    {
        string directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "netgen-embed-" + Guid.NewGuid().ToString("N"));
        string path = System.IO.Path.Combine(directory, fileName);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return new WeightsAdditionalText(path, directory);
    }

    /// <summary>Deletes the temp folder <see cref="Create"/> made, so test runs leave nothing behind.</summary>
    public void Dispose()
    {
        if (_ownedDirectory is not null && Directory.Exists(_ownedDirectory)) Directory.Delete(_ownedDirectory, recursive: true);
    }
}
