using Microsoft.CodeAnalysis;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;
using static NetGen.Generator.Tests.Infrastructure.DiagnosticAssert;

namespace NetGen.Generator.Tests.Diagnostics;

/// <summary>Diagnostics about the class that carries [Network]: its kind, modifiers, nesting, base class and members.</summary>
public class DeclarationDiagnosticTests
{
    private const DiagnosticSeverity Error = DiagnosticSeverity.Error;

    [Fact]
    public void NG0001_NotPartial_PointsAtTheClassName()
    {
        Diagnostic d = ReportsSingle("""
            using NetGen;
            [Network(3)]
            [Dense(1, Activation.Sigmoid)]
            public class {|NG0001:Tiny|} { }
            """, "NG0001", Error);
        Assert.Contains("'Tiny'", d.GetMessage());
        Assert.Contains("partial", d.GetMessage());
    }

    [Fact]
    public void NG0016_Generic_PointsAtTheClassName() =>
        ReportsSingle("""
            using NetGen;
            [Network(3)]
            [Dense(1)]
            public partial class {|NG0016:Net|}<T> { }
            """, "NG0016", Error);

    [Fact]
    public void NG0017_ContainingTypeNotPartial_PointsAtTheContainingTypeName()
    {
        Diagnostic d = ReportsSingle("""
            using NetGen;
            public static class {|NG0017:Outer|}
            {
                [Network(3)]
                [Dense(1)]
                public partial class Net { }
            }
            """, "NG0017", Error);
        Assert.Contains("'Outer'", d.GetMessage());
        Assert.Contains("'Net'", d.GetMessage());
    }

    [Fact]
    public void NG0017_EveryEnclosingLevelIsChecked() =>
        ReportsSingle("""
            using NetGen;
            public class {|NG0017:Outer|}
            {
                public partial class Middle
                {
                    [Network(3)]
                    [Dense(1)]
                    public partial class Net { }
                }
            }
            """, "NG0017", Error);

    [Theory]
    [InlineData("static partial class", "static")]
    [InlineData("abstract partial class", "abstract")]
    [InlineData("partial record", "a record")]
    public void NG0018_NotAPlainInstanceClass(string declaration, string what)
    {
        Diagnostic d = ReportsSingle($$"""
            using NetGen;
            [Network(3)]
            [Dense(1)]
            public {{declaration}} {|NG0018:Net|} { }
            """, "NG0018", Error);
        Assert.Contains(what, d.GetMessage());
    }

    [Fact]
    public void NG0018_Struct_AlongsideTheCompilerError()
    {
        // [Network] allows classes only, so the compiler reports CS0592 too; NetGen must still not emit a class part.
        Diagnostic d = ReportsSingle("""
            using NetGen;
            [Network(3)]
            [Dense(1)]
            public partial struct {|NG0018:Net|} { }
            """, "NG0018", Error, compilerErrorsExpected: true);
        Assert.Contains("a struct, not a class", d.GetMessage());
    }

    [Fact]
    public void NG0019_MemberWithAGeneratedName_PointsAtTheMember()
    {
        Diagnostic d = ReportsSingle("""
            using NetGen;
            [Network(3)]
            [Dense(1)]
            public partial class Net
            {
                public int {|NG0019:InputSize|} => 3;
            }
            """, "NG0019", Error);
        Assert.Contains("'InputSize'", d.GetMessage());
    }

    [Fact]
    public void NG0019_MethodWithAGeneratedSignature_ButOverloadsAreFine() =>
        ReportsSingle("""
            using System;
            using NetGen;
            [Network(3)]
            [Dense(1)]
            public partial class Net
            {
                public void {|NG0019:Forward|}(ReadOnlySpan<float> input, Span<float> output) { }
                public void Forward(float[] input, float[] output) { }
                public int Classify(float[] input) => 0;
            }
            """, "NG0019", Error);

    [Fact]
    public void NG0019_MembersNamedLikeTheBufferStructs()
    {
        var diagnostics = Reports("""
            using NetGen;
            [Network(3)]
            [Dense(1)]
            public partial class Net
            {
                public float[] {|NG0019:Input|} = new float[3];
                public class {|NG0019:Output|} { }
            }
            """, new System.Collections.Generic.Dictionary<string, DiagnosticSeverity> { ["NG0019"] = Error });
        Assert.Contains("'Input'", diagnostics[0].GetMessage());
        Assert.Contains("'Output'", diagnostics[1].GetMessage());
    }

    [Fact]
    public void NG0019_ANetworkNamedLikeABufferStruct_PointsAtTheClassName()
    {
        // Its nested struct would be a member named like its type (CS0542).
        Diagnostic d = ReportsSingle("""
            using NetGen;
            namespace Models
            {
                [Network(3)]
                [Dense(1)]
                public partial class {|NG0019:Output|} { }
            }
            """, "NG0019", Error);
        Assert.Contains("'Output'", d.GetMessage());
    }

    [Fact]
    public void NG0019_TheTypedOverloadsSignatures_ByAnyReferenceModifier_ButByValueIsAnOverload()
    {
        // Before generation Input and Output do not bind (CS0246), so the source has compiler errors of its own.
        var diagnostics = Reports("""
            using NetGen;
            [Network(3)]
            [Dense(1)]
            public partial class Net
            {
                public void {|NG0019:Forward|}(in Input input, out Output output) => output = default;
                public int {|NG0019:Classify|}(ref Input input) => 0;
                public int Classify(Input input) => 1;
            }
            """, new System.Collections.Generic.Dictionary<string, DiagnosticSeverity> { ["NG0019"] = Error }, compilerErrorsExpected: true);
        Assert.Contains("Forward(in Input, out Output)", diagnostics[0].GetMessage());
        Assert.Contains("Classify(ref Input)", diagnostics[1].GetMessage());
    }

    [Fact]
    public void NG0019_NotForOtherTypesNamedInputAndOutput() =>
        ReportsNothing("""
            using NetGen;
            namespace Data
            {
                /// <summary>Not the network's.</summary>
                public struct Input { }

                /// <summary>Not the network's.</summary>
                public struct Output { }
            }

            /// <summary>An overload on other types of the same names: no clash.</summary>
            [Network(3)]
            [Dense(1)]
            public partial class Net
            {
                /// <summary>Overload.</summary>
                /// <param name="input">In.</param>
                /// <param name="output">Out.</param>
                public void Forward(in Data.Input input, out Data.Output output) => output = default;
            }
            """);

    [Fact]
    public void NG0019_GeneratedConstructors()
    {
        var diagnostics = Reports("""
            using NetGen;
            [Network(3)]
            [Dense(1)]
            public partial class Net
            {
                public {|NG0019:Net|}() { }
                public {|NG0019:Net|}(int seed) { }
                public Net(string name) { }
            }
            """, new System.Collections.Generic.Dictionary<string, DiagnosticSeverity> { ["NG0019"] = Error });
        Assert.Contains("Net()", diagnostics[0].GetMessage());
        Assert.Contains("Net(int)", diagnostics[1].GetMessage());
    }

    [Fact]
    public void NG0019_InheritedMember_PointsAtItInTheBaseClass()
    {
        Diagnostic d = ReportsSingle("""
            using NetGen;
            public class Base
            {
                public string {|NG0019:Summary|}() => "";
            }

            [Network(3)]
            [Dense(1)]
            public partial class Net : Base { }
            """, "NG0019", Error);
        Assert.Contains("'Base'", d.GetMessage());
    }

    [Fact]
    public void NG0019_ReservedPrefix() =>
        ReportsSingle("""
            using NetGen;
            [Network(3)]
            [Dense(1)]
            public partial class Net
            {
                private int {|NG0019:__netgenScratch|};
                public int Use() => __netgenScratch;
            }
            """, "NG0019", Error);

    [Fact]
    public void NG0022_BaseClassIsANetwork_PointsAtTheBaseType()
    {
        Diagnostic d = ReportsSingle("""
            using NetGen;
            [Network(3)]
            [Dense(1)]
            public partial class Base { }

            [Network(3)]
            [Dense(2)]
            public partial class Derived : {|NG0022:Base|} { }
            """, "NG0022", Error);
        Assert.Contains("'Derived' derives from 'Base'", d.GetMessage());
    }

    [Fact]
    public void NG0023_LanguageVersionBelow9_PointsAtTheNetworkAttribute()
    {
        Diagnostic d = ReportsSingle("""
            using NetGen;
            [{|NG0023:Network(3)|}]
            [Dense(1)]
            public partial class Net { }
            """, "NG0023", Error,
            parseOptions: TestCompilation.CSharp9.WithLanguageVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp8));
        Assert.Contains("C# 8", d.GetMessage());
    }

    [Fact]
    public void NG0021_LayersWithoutNetwork_FromTheAnalyzer()
    {
        Diagnostic d = ReportsSingle("""
            using NetGen;
            [{|NG0021:Dense(3, Activation.Relu)|}]
            [Dense(1)]
            public partial class Forgotten { }
            """, "NG0021", DiagnosticSeverity.Warning);
        Assert.Contains("'Forgotten' has [Dense]", d.GetMessage());
    }

    [Fact]
    public void NG0021_DropoutAloneWithoutNetwork() =>
        ReportsSingle("""
            using NetGen;
            [{|NG0021:Dropout(0.5f)|}]
            public class Forgotten { }
            """, "NG0021", DiagnosticSeverity.Warning);

    [Fact]
    public void NG0008_LayersOnAnotherPartialDeclaration_PointsAtTheFirstStrayAttribute() =>
        ReportsSingle("""
            using NetGen;
            [Network(3)]
            [Dense(4, Activation.Relu)]
            public partial class Net { }

            [{|NG0008:Dense(1)|}]
            [Dropout(0.5f)]
            public partial class Net { }
            """, "NG0008", Error);

    [Fact]
    public void DuplicateNetworkOnTwoDeclarations_LeavesItToTheCompilerAndDoesNotCrash()
    {
        // CS0579 reports the duplicate; the driver visits both declarations, and emitting twice would throw on the
        // duplicate hint name. Neither declaration may produce a source.
        var compilation = TestCompilation.Create("""
            using NetGen;
            [Network(3)]
            [Dense(1)]
            public partial class Net { }

            [Network(3)]
            public partial class Net { }
            """);
        Assert.Contains(TestCompilation.Errors(compilation), e => e.Id == "CS0579");
        GeneratorRun run = GeneratorRun.Run(compilation);
        run.AssertNoCrash();
        Assert.Empty(run.GeneratedSources);
    }
}
