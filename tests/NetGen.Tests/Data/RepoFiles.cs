using System;
using System.IO;

namespace NetGen.Tests.Data;

/// <summary>Locates checked-in files (data/, tests/NetGen.Tests/TestData/) from the test binaries, wherever the build put them.</summary>
public static class RepoFiles
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NetGen.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No NetGen.sln above {AppContext.BaseDirectory}.");
    });

    public static string Root => RootPath.Value;

    /// <summary>A bundled data set under data/.</summary>
    public static string DataSet(string name) => Path.Combine(Root, "data", name);

    /// <summary>A file under tests/NetGen.Tests/TestData/.</summary>
    public static string TestData(string name) => Path.Combine(Root, "tests", "NetGen.Tests", "TestData", name);
}

/// <summary>A fresh directory for one test's files, deleted afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "netgen-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Leftover temp files must not fail a test.
        }
    }
}
