using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace NetGen.Package.Tests;

/// <summary>Where the repository and the packed NetGen package are.</summary>
internal static class PackageLocation
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ArtifactsDirectory => Path.Combine(RepoRoot, "artifacts");

    /// <summary>The one NetGen.&lt;version&gt;.nupkg in artifacts/ (the symbol package excluded), with its version.</summary>
    public static (string Path, string Version) Package
    {
        get
        {
            string[] packages = Directory.Exists(ArtifactsDirectory)
                ? Directory.GetFiles(ArtifactsDirectory, "NetGen.*.nupkg").Where(p => !p.EndsWith(".symbols.nupkg", StringComparison.Ordinal)).ToArray()
                : Array.Empty<string>();
            if (packages.Length != 1)
                throw new InvalidOperationException(
                    $"Expected exactly one NetGen.<version>.nupkg in {ArtifactsDirectory}, found {packages.Length}; run `dotnet pack -c Release -o artifacts` at the repository root first (.ci/steps/20-package.sh does).");
            string name = System.IO.Path.GetFileNameWithoutExtension(packages[0]);
            return (packages[0], name.Substring("NetGen.".Length));
        }
    }

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "NetGen.sln"))) return directory.FullName;
        throw new InvalidOperationException("NetGen.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>What a command printed (standard output and error interleaved as lines arrived) and how it exited.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string Output)
{
    public CommandResult EnsureSuccess()
    {
        Assert.True(ExitCode == 0, $"`{CommandLine}` exited with {ExitCode}:\n{Output}");
        return this;
    }

    public string[] Lines => Output.Replace("\r", "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// A fresh console project in a temporary folder, outside the repository so none of its Directory.Build.props,
/// Directory.Packages.props or NuGet.config applies: the project sees only what a user's would. Restores go to a
/// packages folder of its own, so a NetGen of the same version cached by an earlier run is never used instead of the
/// package under test.
/// </summary>
public sealed class ConsumerProject : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "netgen-consumer-" + Guid.NewGuid().ToString("N"));

    public ConsumerProject(string name)
    {
        System.IO.Directory.CreateDirectory(root);
        Directory = Path.Combine(root, name);
        System.IO.Directory.CreateDirectory(Directory);
        PackagesDirectory = Path.Combine(root, "packages");
        // The normal feed only, written out so the test does not depend on the machine's user-level NuGet.Config; the
        // local folder comes in through `dotnet add package --source`, as the README says.
        File.WriteAllText(Path.Combine(root, "nuget.config"),
            """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
            </configuration>
            """);
    }

    /// <summary>The project folder (its name is the project's name).</summary>
    public string Directory { get; }

    public string PackagesDirectory { get; }

    public string ProjectFile => Path.Combine(Directory, Path.GetFileName(Directory) + ".csproj");

    /// <summary>`dotnet new console` and `dotnet add package NetGen --source artifacts`: the README's Install steps.</summary>
    public void CreateWithPackage()
    {
        Dotnet("new", "console").EnsureSuccess();
        Dotnet("add", "package", "NetGen", "--source", PackageLocation.ArtifactsDirectory).EnsureSuccess();
        string assets = File.ReadAllText(Path.Combine(Directory, "obj", "project.assets.json"));
        Assert.Contains("\"NetGen/" + PackageLocation.Package.Version + "\"", assets, StringComparison.Ordinal);
    }

    public void CopyIn(string consumerFile, string? asName = null) =>
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Consumer", consumerFile), Path.Combine(Directory, asName ?? consumerFile), overwrite: true);

    public void Write(string relativePath, string text)
    {
        string path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>Adds properties to the project file's first PropertyGroup.</summary>
    public void AddProperties(string properties)
    {
        string project = File.ReadAllText(ProjectFile);
        int end = project.IndexOf("</PropertyGroup>", StringComparison.Ordinal);
        File.WriteAllText(ProjectFile, project.Insert(end, properties + "\n  "));
    }

    public CommandResult Dotnet(params string[] arguments) => Run("dotnet", arguments);

    public CommandResult Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        // The test host's MSBuild and VSTest variables point at the outer build; a user's shell has none of them.
        foreach (string key in start.Environment.Keys.ToList())
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || key.StartsWith("DOTNET_HOST_PATH", StringComparison.OrdinalIgnoreCase))
                start.Environment.Remove(key);
        start.Environment["NUGET_PACKAGES"] = PackagesDirectory;
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1"; // no build nodes left running after the test
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{fileName} {string.Join(" ", arguments)}` did not finish in 10 minutes:\n{output}");
        }
        process.WaitForExit();
        return new CommandResult(fileName + " " + string.Join(" ", arguments), process.ExitCode, output.ToString());
    }

    /// <summary>Every line of a build's output that reports a warning or error with an ID (CS, IL, NG, NU, ...).</summary>
    public static IReadOnlyList<string> DiagnosticLines(CommandResult result) =>
        result.Lines.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @":\s+(warning|error)\s+[A-Z]+[0-9]+")).Distinct().ToArray();

    public void Dispose()
    {
        try { System.IO.Directory.Delete(root, recursive: true); }
        catch (IOException) { } // a build server may still hold a file for a moment; the folder is in /tmp anyway
        catch (UnauthorizedAccessException) { }
    }
}
