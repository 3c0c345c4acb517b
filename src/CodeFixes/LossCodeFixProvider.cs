using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetGen.CodeFixes;

/// <summary>
/// NG0006 (loss does not fit the output activation): sets the loss that fits the output layer (Softmax: categorical
/// cross-entropy, Sigmoid: binary cross-entropy, anything else: mean squared error), or removes <c>Loss = ...</c> so
/// <c>Loss.Auto</c> makes the same choice.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LossCodeFixProvider)), Shared]
public sealed class LossCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CodeFixes.FixableDiagnosticIds.LossActivationMismatch);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <summary>The loss <c>Loss.Auto</c> picks for an output activation, as the generator does.</summary>
    internal static string FittingLoss(string outputActivation) => outputActivation switch
    {
        "Softmax" => "CategoricalCrossEntropy",
        "Sigmoid" => "BinaryCrossEntropy",
        _ => "MeanSquaredError",
    };

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            // The generator reports at the [Network]'s 'Loss = ...' argument.
            if (root.FindNode(diagnostic.Location.SourceSpan) is not AttributeArgumentSyntax { NameEquals.Name.Identifier.ValueText: "Loss" } loss
                || loss.Parent is not AttributeArgumentListSyntax list
                || DeclarationSyntax.DeclarationOf(loss) is not { } type)
                continue;
            Document document = context.Document;

            List<AttributeSyntax> dense = DeclarationSyntax.DenseAttributes(type, model);
            string? outputActivation = dense.Count == 0 ? null : DeclarationSyntax.ActivationOf(dense[dense.Count - 1], model);
            string? fitting = outputActivation is null ? null : FittingLoss(outputActivation);
            if (fitting is not null)
            {
                ExpressionSyntax replacement = DeclarationSyntax.EnumMember(DeclarationSyntax.LossTypeName, fitting);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Use Loss.{fitting}, which fits the {outputActivation} output",
                        _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(loss.Expression, replacement))),
                        equivalenceKey: nameof(LossCodeFixProvider) + ".Set"),
                    diagnostic);
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    fitting is null ? "Remove 'Loss' (Loss.Auto chooses the loss)" : $"Remove 'Loss' (Loss.Auto chooses {fitting})",
                    _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(list, list.WithArguments(list.Arguments.Remove(loss))))),
                    equivalenceKey: nameof(LossCodeFixProvider) + ".Remove"),
                diagnostic);
        }
    }
}
