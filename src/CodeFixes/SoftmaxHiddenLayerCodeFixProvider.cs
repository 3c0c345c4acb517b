using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace NetGen.CodeFixes;

/// <summary>
/// NG0005 (Softmax on a hidden layer): gives the hidden layer <c>Activation.Relu</c>, the usual hidden activation;
/// when the output layer is not Softmax yet, also offers to move Softmax there (the hidden layer gets Relu).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SoftmaxHiddenLayerCodeFixProvider)), Shared]
public sealed class SoftmaxHiddenLayerCodeFixProvider : CodeFixProvider
{
    private const string HiddenActivation = "Relu";
    private const string Softmax = "Softmax";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CodeFixes.FixableDiagnosticIds.SoftmaxOnHiddenLayer);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            // The generator reports at the hidden layer's activation argument.
            if (root.FindNode(diagnostic.Location.SourceSpan) is not AttributeArgumentSyntax hidden
                || DeclarationSyntax.DeclarationOf(hidden) is not { } type)
                continue;
            Document document = context.Document;
            ExpressionSyntax relu = DeclarationSyntax.EnumMember(DeclarationSyntax.ActivationTypeName, HiddenActivation);

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Use Activation.{HiddenActivation} on this hidden layer",
                    _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(hidden.Expression, relu))),
                    equivalenceKey: nameof(SoftmaxHiddenLayerCodeFixProvider) + ".Hidden"),
                diagnostic);

            List<AttributeSyntax> dense = DeclarationSyntax.DenseAttributes(type, model);
            if (dense.Count == 0 || !CanTakeSoftmax(dense[dense.Count - 1], model, context.CancellationToken)) continue;
            AttributeSyntax output = dense[dense.Count - 1];
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Move Softmax to the output layer",
                    _ => Task.FromResult(document.WithSyntaxRoot(MoveSoftmax(root, hidden, output, relu))),
                    equivalenceKey: nameof(SoftmaxHiddenLayerCodeFixProvider) + ".Move"),
                diagnostic);
        }
    }

    // Not when the output is Softmax already (nothing to move), and not onto a single unit, which would only trade this
    // error for NG0007 (a one-unit Softmax is constant).
    private static bool CanTakeSoftmax(AttributeSyntax output, SemanticModel model, CancellationToken cancellationToken)
    {
        if (DeclarationSyntax.ActivationOf(output, model) == Softmax) return false;
        AttributeArgumentSyntax? units = DeclarationSyntax.ConstructorArgument(output, 0, "units");
        return units is null || !(model.GetConstantValue(units.Expression, cancellationToken).Value is int n && n == 1);
    }

    private static SyntaxNode MoveSoftmax(SyntaxNode root, AttributeArgumentSyntax hidden, AttributeSyntax output, ExpressionSyntax relu)
    {
        ExpressionSyntax softmax = DeclarationSyntax.EnumMember(DeclarationSyntax.ActivationTypeName, Softmax);
        AttributeArgumentSyntax? outputActivation = DeclarationSyntax.ConstructorArgument(output, 1, "activation");
        if (outputActivation is not null)
            return root.ReplaceNodes(new SyntaxNode[] { hidden.Expression, outputActivation.Expression },
                (original, _) => original == hidden.Expression ? relu : softmax);

        // The output layer relies on the default activation: write Softmax as its second positional argument.
        AttributeArgumentListSyntax list = output.ArgumentList!;
        AttributeArgumentListSyntax withSoftmax = list
            .WithArguments(list.Arguments.Insert(1, SyntaxFactory.AttributeArgument(softmax)))
            .WithAdditionalAnnotations(Formatter.Annotation);
        return root.ReplaceNodes(new SyntaxNode[] { hidden.Expression, list },
            (original, _) => original == hidden.Expression ? relu : withSoftmax);
    }
}
