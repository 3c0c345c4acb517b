using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Analyzers;

/// <summary>
/// NG0040/NG0041: a call to a generated network's <c>Forward</c>, <c>Classify</c>, <c>ForwardBatch</c>,
/// <c>AccumulateGradients</c> or <c>AccumulateGradientsBatch</c> whose buffer length is known at compile time and
/// wrong, reported at the argument. The generated members check lengths at run time; this moves the mistakes the
/// compiler can see (<c>new float[5]</c> for a 4-input network, another network's <c>OutputSize</c>, a batch buffer
/// shorter than <c>count * InputSize</c>) to the editor. A length the analyzer cannot prove (<see cref="KnownLength"/>)
/// is never reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CallSiteShapeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.WrongBufferLength, DiagnosticDescriptors.BatchBufferTooShort);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol method = invocation.TargetMethod;
        bool batch;
        switch (method.Name)
        {
            case "Forward" or "Classify" or "AccumulateGradients": batch = false; break;
            case "ForwardBatch" or "AccumulateGradientsBatch": batch = true; break;
            default: return;
        }
        if (method.IsStatic || !IsGeneratedNetwork(method.ContainingType)) return;

        int? count = null;
        if (batch)
        {
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "count" && argument.Value.ConstantValue is { HasValue: true, Value: int constant })
                    count = constant;
            }
        }

        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.Explicit || argument.Parameter is not { } parameter || !IsFloatSpan(parameter.Type)) continue;
            string? sizeName = SizeFor(parameter.Name, method.Name);
            if (sizeName is null || Constant(method.ContainingType, sizeName) is not int size) continue;
            if (KnownLength.Of(argument.Value, context.CancellationToken) is not int length) continue;

            string network = method.ContainingType.Name;
            if (!batch || parameter.Name == "gradients")
            {
                if (length != size)
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.WrongBufferLength, argument.Syntax.GetLocation(),
                        parameter.Name, network, method.Name, size, sizeName, length));
            }
            else if (count is int examples && examples >= 0 && length < (long)examples * size)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.BatchBufferTooShort, argument.Syntax.GetLocation(),
                    parameter.Name, network, method.Name, (long)examples * size, examples, sizeName, size, length));
            }
        }
    }

    /// <summary>Which generated size constant a parameter's length must match (a multiple of, for batch rows).</summary>
    private static string? SizeFor(string parameter, string method) => parameter switch
    {
        "input" or "inputs" => "InputSize",
        "output" or "outputs" or "target" or "targets" => "OutputSize",
        "gradients" when method.StartsWith("AccumulateGradients", System.StringComparison.Ordinal) => "ParameterCount",
        _ => null,
    };

    private static bool IsGeneratedNetwork(INamedTypeSymbol? type)
    {
        if (type is null) return false;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (NetGenAttributes.Is(attribute, NetGenAttributes.Network)) return true;
        }
        return false;
    }

    /// <summary>The generated <c>const int</c> of that name, or null when the network was not generated (it has errors).</summary>
    private static int? Constant(INamedTypeSymbol type, string name)
    {
        foreach (ISymbol member in type.GetMembers(name))
        {
            if (member is IFieldSymbol { IsConst: true, ConstantValue: int value }) return value;
        }
        return null;
    }

    private static bool IsFloatSpan(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", TypeArguments.Length: 1 } span
        && span.ContainingNamespace?.ToDisplayString() == "System"
        && span.TypeArguments[0].SpecialType == SpecialType.System_Single;
}
