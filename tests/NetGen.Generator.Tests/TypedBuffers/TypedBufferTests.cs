using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Tests.EmbeddedWeights;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generator.Tests.TypedBuffers;

/// <summary>
/// The nested <c>Input</c>/<c>Output</c> structs and the <c>Forward(in Input, out Output)</c> and <c>Classify(in Input)</c>
/// overloads, at the type level: another network's buffer does not compile, the span call shapes users already write bind
/// as before, and the structs' members are what docs/api.md lists, read-only where they do not write.
/// </summary>
public class TypedBufferTests
{
    private const string Networks = TwoNetworks.Source;

    [Fact]
    public void AnotherNetworksBuffer_IsCS1503AtTheArgument()
    {
        AssertCompilerErrors("""
            /// <summary>Calls.</summary>
            public static class Calls
            {
                /// <summary>Calls.</summary>
                public static int Run(Iris iris, Other other)
                {
                    Other.Input otherInput = default;
                    Iris.Input irisInput = default;
                    iris.Forward(in {|CS1503:otherInput|}, out Iris.Output _);
                    iris.Forward(in irisInput, out {|CS1503:Other.Output wrongOutput|});
                    other.Forward({|CS1503:irisInput|}, out Other.Output _);
                    return iris.Classify(in {|CS1503:otherInput|}) + other.Classify({|CS1503:irisInput|});
                }
            }
            """);
    }

    [Fact]
    public void ASpanCallWithTheWrongElementType_IsReportedAgainstTheTypedOverload()
    {
        // The price of declaring the typed overloads first (see AnotherNetworksBuffer_IsCS1503AtTheArgument): a call that
        // fits no overload is reported against Forward(in Input, out Output). It is still an error at the bad argument.
        AssertCompilerErrors("""
            /// <summary>Calls.</summary>
            public static class Calls
            {
                /// <summary>Calls.</summary>
                public static int Run(Iris iris)
                {
                    Span<float> output = stackalloc float[3];
                    iris.Forward({|CS1503:new double[4]|}, {|CS1620:output|});
                    return iris.Classify({|CS1503:new double[4]|});
                }
            }
            """);
    }

    [Fact]
    public void SpanCallShapes_StillBindToTheSpanOverloads_AndTypedOnesToTheTypedOverloads()
    {
        // C# 12 for the collection expressions; the rest is C# 9 syntax.
        GeneratorRun run = GeneratorRun.Run(TestCompilation.Create(TestCompilation.CSharp9.WithLanguageVersion(LanguageVersion.CSharp12), Networks + """
            /// <summary>Calls.</summary>
            public static class Calls
            {
                /// <summary>Calls.</summary>
                public static int Spans(Iris iris, float[] array)
                {
                    Span<float> output = stackalloc float[3];
                    iris.Forward(new float[4], new float[3]);
                    iris.Forward(array, output);
                    iris.Forward(default, default);
                    iris.Forward(stackalloc float[4], output);
                    iris.Forward([1f, 2f, 3f, 4f], output);
                    iris.Forward(array.AsSpan(0, 4), array.AsSpan(4, 3));
                    // default converts to both parameter types; a by-value parameter beats an `in` one for an argument without `in`.
                    int byDefault = iris.Classify(default);
                    return byDefault + iris.Classify(new float[4]) + iris.Classify(array) + iris.Classify(stackalloc float[4]) + iris.Classify([1f, 2f, 3f, 4f]);
                }

                /// <summary>Calls.</summary>
                public static int Typed(Iris iris)
                {
                    Iris.Input input = Iris.Input.Create(new float[] { 1f, 2f, 3f, 4f });
                    iris.Forward(in input, out Iris.Output output);
                    iris.Forward(input, out output);
                    iris.Forward(default, out output);
                    return iris.Classify(in input) + iris.Classify(input) + iris.Classify(new Iris.Input()) + output.IndexOfMax();
                }
            }
            """));
        run.AssertNoCrash();
        Assert.Empty(TestCompilation.Errors(run.Output));
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.GetLineSpan().Path == "Source0.cs"));

        SyntaxTree tree = run.Output.SyntaxTrees.First();
        SemanticModel model = run.Output.GetSemanticModel(tree);
        var bound = new Dictionary<string, List<string>>();
        foreach (MethodDeclarationSyntax method in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
        {
            bound[method.Identifier.Text] = method.DescendantNodes().OfType<InvocationExpressionSyntax>()
                .Select(call => (IMethodSymbol?)model.GetSymbolInfo(call).Symbol)
                .Where(m => m is { Name: "Forward" or "Classify" })
                .Select(m => m!.Parameters[0].Type.Name)
                .ToList();
        }

        Assert.Equal(11, bound["Spans"].Count);
        Assert.All(bound["Spans"], type => Assert.Equal("ReadOnlySpan", type));
        Assert.Equal(6, bound["Typed"].Count);
        Assert.All(bound["Typed"], type => Assert.Equal("Input", type));
    }

    [Fact]
    public void Structs_HaveTheDocumentedMembers_ReadOnlyWhereTheyDoNotWrite()
    {
        GeneratorRun run = DiagnosticAssert.ReportsNothing(Networks);
        INamedTypeSymbol iris = run.Output.GetTypeByMetadataName("Iris")!;
        foreach ((string name, int length) in new[] { ("Input", 4), ("Output", 3) })
        {
            INamedTypeSymbol buffer = iris.GetTypeMembers(name).Single();
            Assert.Equal(TypeKind.Struct, buffer.TypeKind);
            Assert.Equal(Accessibility.Public, buffer.DeclaredAccessibility);
            Assert.Equal(length * sizeof(float), buffer.GetAttributes()
                .Single(a => a.AttributeClass?.Name == "StructLayoutAttribute").NamedArguments.Single(n => n.Key == "Size").Value.Value);
            Assert.Equal(length, ((IFieldSymbol)buffer.GetMembers("Length").Single()).ConstantValue);

            var publicMembers = buffer.GetMembers()
                .Where(m => m.DeclaredAccessibility == Accessibility.Public && !m.IsImplicitlyDeclared && m is not IMethodSymbol { AssociatedSymbol: not null })
                .Select(m => m is IMethodSymbol method ? method.Name + "(" + string.Join(", ", method.Parameters.Select(p => p.ToDisplayString())) + ")" : m.Name)
                .OrderBy(s => s, StringComparer.Ordinal);
            var expected = new List<string>
            {
                $"AsReadOnlySpan(in Iris.{name} buffer)", $"AsSpan(ref Iris.{name} buffer)", "CopyFrom(System.ReadOnlySpan<float> values)",
                "CopyTo(System.Span<float> destination)", "Create(System.ReadOnlySpan<float> values)", $"Equals(Iris.{name} other)",
                "Equals(object? obj)", "GetHashCode()", "Length", "this[]",
            };
            if (name == "Output") expected.Add("IndexOfMax()");
            Assert.Equal(expected.OrderBy(s => s, StringComparer.Ordinal), publicMembers);

            // Members that only read are readonly, so calling them on an `in` parameter copies nothing.
            IPropertySymbol indexer = buffer.GetMembers().OfType<IPropertySymbol>().Single(p => p.IsIndexer);
            Assert.True(indexer.GetMethod!.IsReadOnly);
            Assert.False(indexer.SetMethod!.IsReadOnly);
            foreach (string reader in name == "Output" ? new[] { "CopyTo", "Equals", "GetHashCode", "IndexOfMax" } : new[] { "CopyTo", "Equals", "GetHashCode" })
                Assert.All(buffer.GetMembers(reader).OfType<IMethodSymbol>(), m => Assert.True(m.IsReadOnly, reader));
        }

        Assert.Contains(iris.GetMembers("Forward").OfType<IMethodSymbol>(), m =>
            m.Parameters.Select(p => (p.RefKind, p.Type.Name)).SequenceEqual(new[] { (RefKind.In, "Input"), (RefKind.Out, "Output") }));
        Assert.Contains(iris.GetMembers("Classify").OfType<IMethodSymbol>(), m =>
            m.Parameters.Select(p => (p.RefKind, p.Type.Name)).SequenceEqual(new[] { (RefKind.In, "Input") }));
    }

    [Fact]
    public void InAGenericContainingType_TheStructsLoadAndForwardMatchesTheSpanOverload()
    {
        // A struct nested in a generic type is itself generic to the runtime; its explicit Size must still load.
        GeneratorRun run = DiagnosticAssert.ReportsNothing("""
            using NetGen;
            /// <summary>Generic container.</summary>
            public partial class Outer<T>
            {
                /// <summary>Net.</summary>
                [Network(3)]
                [Dense(4, Activation.Tanh)]
                [Dense(2)]
                public partial class Net { }
            }
            """);
        Assembly assembly = EmbeddedWeightsRun.Load(run);
        Type net = assembly.GetType("Outer`1+Net")!.MakeGenericType(typeof(int));
        Type input = assembly.GetType("Outer`1+Net+Input")!.MakeGenericType(typeof(int));
        Type output = assembly.GetType("Outer`1+Net+Output")!.MakeGenericType(typeof(int));
        Assert.Equal(3 * sizeof(float), SizeOf(input));
        Assert.Equal(2 * sizeof(float), SizeOf(output));

        // The debug view is named unbound (an attribute cannot use T); the debugger closes it with the buffer's arguments.
        var proxy = (System.Diagnostics.DebuggerTypeProxyAttribute)Attribute.GetCustomAttribute(input, typeof(System.Diagnostics.DebuggerTypeProxyAttribute))!;
        Type view = assembly.GetType(proxy.ProxyTypeName.Split(',')[0], throwOnError: true)!;
        Assert.True(view.IsGenericTypeDefinition);
        Assert.Equal("__netgenDebugView", view.Name);
        Assert.Equal(input.GetGenericTypeDefinition(), view.DeclaringType);

        var network = (INetwork)Activator.CreateInstance(net, 5)!;
        object boxedInput = Activator.CreateInstance(input)!;
        PropertyInfo item = input.GetProperty("Item")!;
        float[] x = { 0.5f, -1.25f, 2f };
        for (int i = 0; i < x.Length; i++) item.SetValue(boxedInput, x[i], new object[] { i });
        object?[] arguments = { boxedInput, null };
        net.GetMethod("Forward", new[] { input.MakeByRefType(), output.MakeByRefType() })!.Invoke(network, arguments);

        float[] expected = new float[2];
        network.Forward(x, expected);
        PropertyInfo outputItem = output.GetProperty("Item")!;
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits((float)outputItem.GetValue(arguments[1], new object[] { i })!));
    }

    private static int SizeOf(Type type) =>
        (int)typeof(System.Runtime.CompilerServices.Unsafe).GetMethod(nameof(System.Runtime.CompilerServices.Unsafe.SizeOf))!.MakeGenericMethod(type).Invoke(null, null)!;

    /// <summary>The generated code compiles; the calls report exactly the marked compiler errors, at exactly their spans.</summary>
    private static void AssertCompilerErrors(string markup)
    {
        Markup parsed = Markup.Parse(Networks + markup);
        GeneratorRun run = GeneratorRun.Run(parsed.Source);
        run.AssertNoCrash();
        ImmutableArray<Diagnostic> errors = TestCompilation.Errors(run.Output);
        Assert.All(errors, e => Assert.Equal("Source0.cs", e.Location.GetLineSpan().Path));
        var expected = parsed.Spans.Select(s => (s.Id, s.Span.Start, s.Span.End)).OrderBy(k => k.Start).ToList();
        var actual = errors.Select(e => (e.Id, e.Location.SourceSpan.Start, e.Location.SourceSpan.End)).OrderBy(k => k.Start).ToList();
        Assert.True(expected.SequenceEqual(actual),
            $"Expected: {string.Join(", ", expected)}\nActual:   {string.Join(" | ", errors.Select(e => $"{e.Id} {e.Location.SourceSpan} '{parsed.Source.Substring(e.Location.SourceSpan.Start, e.Location.SourceSpan.Length)}': {e.GetMessage()}"))}");
    }
}
