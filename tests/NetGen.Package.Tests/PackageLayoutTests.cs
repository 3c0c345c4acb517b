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
        "analyzers/dotnet/roslyn4.3/cs/NetGen.CodeFixes.dll",
        "buildTransitive/NetGen.targets",
        "README.md",
        "LICENSE",
    };

    [Fact]
    public void Package_holds_runtime_docs_generator_code_fixes_targets_readme_and_licence()
    {
        string[] entries = Entries();
        foreach (string expected in ExpectedFiles) Assert.Contains(expected, entries);
        // The generator only as an analyzer; no other assembly anywhere.
        Assert.Equal(new[] { "analyzers/dotnet/roslyn4.3/cs/NetGen.Generator.dll" }, entries.Where(e => e.Contains("Generator", StringComparison.Ordinal)));
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.EndsWith(".dll", StringComparison.Ordinal) && !e.EndsWith("NetGen.Runtime.dll", StringComparison.Ordinal));
        Assert.Equal(
            new[] { "analyzers/dotnet/roslyn4.3/cs/NetGen.CodeFixes.dll", "analyzers/dotnet/roslyn4.3/cs/NetGen.Generator.dll" },
            entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)).OrderBy(e => e, StringComparer.Ordinal));
    }

    [Fact]
    public void Licence_file_is_MIT_for_NetGen_contributors()
    {
        using ZipArchive archive = ZipFile.OpenRead(PackageLocation.Package.Path);
        using var reader = new StreamReader(archive.Entries.Single(e => e.FullName == "LICENSE").Open());
        string[] lines = reader.ReadToEnd().Split('\n');
        Assert.Equal("MIT License", lines[0].TrimEnd());
        Assert.Contains("Copyright (c) NetGen contributors", lines.Select(l => l.TrimEnd()));
    }

    /// <summary>
    /// The code fixes must load wherever the generator does: an IDE whose Roslyn is older than the one an assembly was
    /// built against refuses to load it, so their Roslyn references must be no newer than the generator's 4.3.1.
    /// </summary>
    [Fact]
    public void Code_fixes_reference_no_Roslyn_newer_than_the_generator()
    {
        Version Highest(string entry)
        {
            using ZipArchive archive = ZipFile.OpenRead(PackageLocation.Package.Path);
            using var copy = new MemoryStream();
            using (Stream stream = archive.Entries.Single(e => e.FullName == entry).Open()) stream.CopyTo(copy);
            copy.Position = 0;
            using var pe = new System.Reflection.PortableExecutable.PEReader(copy);
            System.Reflection.Metadata.MetadataReader metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            Version[] roslyn = metadata.AssemblyReferences
                .Select(metadata.GetAssemblyReference)
                .Where(r => metadata.GetString(r.Name).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
                .Select(r => r.Version)
                .ToArray();
            Assert.NotEmpty(roslyn);
            return roslyn.Max()!;
        }

        Version generator = Highest("analyzers/dotnet/roslyn4.3/cs/NetGen.Generator.dll");
        Version codeFixes = Highest("analyzers/dotnet/roslyn4.3/cs/NetGen.CodeFixes.dll");
        Assert.Equal(new Version(4, 3, 0, 0), generator);
        Assert.True(codeFixes <= generator, $"the code fixes reference Roslyn {codeFixes}, newer than the generator's {generator}");
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
