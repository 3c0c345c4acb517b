using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace NetGen.Package.Tests;

/// <summary>The .nupkg holds what docs/package.md says, and nothing makes the generator a runtime dependency.</summary>
public class PackageLayoutTests
{
    private static readonly string[] ExpectedFiles =
    {
        "lib/netstandard2.1/NetGen.Runtime.dll", "lib/netstandard2.1/NetGen.Runtime.xml",
        "lib/net8.0/NetGen.Runtime.dll", "lib/net8.0/NetGen.Runtime.xml",
        "analyzers/dotnet/roslyn4.3/cs/NetGen.Generator.dll",
        "buildTransitive/NetGen.targets",
        "README.md",
    };

    [Fact]
    public void Package_holds_runtime_docs_generator_targets_and_readme()
    {
        string[] entries = Entries();
        foreach (string expected in ExpectedFiles) Assert.Contains(expected, entries);
        // The generator only as an analyzer; no other assembly anywhere.
        Assert.Equal(new[] { "analyzers/dotnet/roslyn4.3/cs/NetGen.Generator.dll" }, entries.Where(e => e.Contains("Generator", StringComparison.Ordinal)));
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.EndsWith(".dll", StringComparison.Ordinal) && !e.EndsWith("NetGen.Runtime.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void Nuspec_has_no_dependencies_and_carries_licence_readme_and_commit()
    {
        XElement metadata = Nuspec().Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        Assert.Equal("NetGen", Value("id"));
        Assert.Equal(PackageLocation.Package.Version, Value("version"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        XElement repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? "");
        XElement dependencies = metadata.Elements().Single(e => e.Name.LocalName == "dependencies");
        Assert.Equal(new[] { ".NETStandard2.1", "net8.0" }, dependencies.Elements().Select(g => g.Attribute("targetFramework")!.Value).OrderBy(t => t, StringComparer.Ordinal));
        Assert.All(dependencies.Elements(), group => Assert.Empty(group.Elements()));
    }

    [Fact]
    public void Symbol_package_holds_both_pdbs()
    {
        string symbols = Path.ChangeExtension(PackageLocation.Package.Path, ".snupkg");
        using ZipArchive archive = ZipFile.OpenRead(symbols);
        string[] entries = archive.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains("lib/netstandard2.1/NetGen.Runtime.pdb", entries);
        Assert.Contains("lib/net8.0/NetGen.Runtime.pdb", entries);
    }

    private static string[] Entries()
    {
        using ZipArchive archive = ZipFile.OpenRead(PackageLocation.Package.Path);
        return archive.Entries.Select(e => e.FullName).ToArray();
    }

    private static XDocument Nuspec()
    {
        using ZipArchive archive = ZipFile.OpenRead(PackageLocation.Package.Path);
        using Stream stream = archive.Entries.Single(e => e.FullName == "NetGen.nuspec").Open();
        return XDocument.Load(stream);
    }
}
