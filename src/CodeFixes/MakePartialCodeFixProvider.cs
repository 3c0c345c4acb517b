using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetGen.CodeFixes;

/// <summary>
/// NG0001 (network class not partial) and NG0017 (containing type not partial): adds <c>partial</c> to the type at the
/// diagnostic and to every containing type that lacks it, so one fix makes the whole nesting chain valid.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFixProvider)), Shared]
public sealed class MakePartialCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(CodeFixes.FixableDiagnosticIds.NotPartial, CodeFixes.FixableDiagnosticIds.ContainingTypeNotPartial);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            SyntaxToken token = root.FindToken(diagnostic.Location.SourceSpan.Start);
            if (token.Parent is null || DeclarationSyntax.DeclarationOf(token.Parent) is not { } type) continue;
            List<TypeDeclarationSyntax> toChange = type.AncestorsAndSelf().OfType<TypeDeclarationSyntax>()
                .Where(t => !t.Modifiers.Any(SyntaxKind.PartialKeyword))
                .ToList();
            if (toChange.Count == 0) continue;

            string title = toChange.Count == 1
                ? $"Make '{toChange[0].Identifier.ValueText}' partial"
                : $"Make '{type.Identifier.ValueText}' and its containing types partial";
            context.RegisterCodeFix(
                CodeAction.Create(
                    title,
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNodes(toChange, (_, rewritten) => AddPartial(rewritten)))),
                    equivalenceKey: nameof(MakePartialCodeFixProvider)),
                diagnostic);
        }
    }

    // C# requires 'partial' immediately before 'class'/'struct'/'record'/'interface', so it goes last among the
    // modifiers; with no modifiers it takes over the keyword's leading trivia (indentation, comments).
    private static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax type)
    {
        SyntaxToken partialKeyword = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (type.Modifiers.Count > 0) return type.WithModifiers(type.Modifiers.Add(partialKeyword));
        SyntaxToken keyword = type.Keyword;
        return type
            .WithKeyword(keyword.WithLeadingTrivia(SyntaxTriviaList.Empty))
            .WithModifiers(SyntaxFactory.TokenList(partialKeyword.WithLeadingTrivia(keyword.LeadingTrivia)));
    }
}
