using System;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using NetGen.Generator;
using Xunit;

namespace NetGen.CodeFixes.Tests;

/// <summary>The code-fix assembly duplicates IDs and enum names instead of referencing the generator; these keep them in step.</summary>
public sealed class FixableDiagnosticIdsTests
{
    [Fact]
    public void Every_fixable_ID_is_the_ID_of_the_generator_descriptor_of_the_same_name()
    {
        Type descriptors = typeof(NetworkGenerator).Assembly.GetType("NetGen.Generator.Diagnostics.DiagnosticDescriptors", throwOnError: true)!;
        FieldInfo[] ids = typeof(FixableDiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static);
        Assert.NotEmpty(ids);
        foreach (FieldInfo id in ids)
        {
            FieldInfo? descriptor = descriptors.GetField(id.Name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static);
            Assert.True(descriptor is not null, $"the generator has no descriptor named {id.Name}");
            Assert.Equal(((DiagnosticDescriptor)descriptor!.GetValue(null)!).Id, (string)id.GetValue(null)!);
        }
    }

    [Fact]
    public void Every_provider_fixes_only_listed_IDs()
    {
        string[] listed = typeof(FixableDiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToArray();
        var providers = typeof(FixableDiagnosticIds).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider)))
            .Select(t => (Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider)Activator.CreateInstance(t)!)
            .ToArray();
        Assert.Equal(4, providers.Length);
        Assert.Equal(listed.OrderBy(x => x), providers.SelectMany(p => p.FixableDiagnosticIds).OrderBy(x => x));
    }

    [Fact]
    public void Enum_names_match_the_runtime_enums_by_value()
    {
        Assert.Equal(Enum.GetValues<Activation>().Select(v => v.ToString()), DeclarationSyntax.ActivationNames);
        Assert.Equal(Enum.GetValues<Loss>().Select(v => v.ToString()), DeclarationSyntax.LossNames);
    }
}
