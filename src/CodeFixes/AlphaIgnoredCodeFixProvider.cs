using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetGen.CodeFixes;

/// <summary>NG0010 (Alpha is ignored by this activation): removes the <c>Alpha = ...</c> argument.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AlphaIgnoredCodeFixProvider)), Shared]
public sealed class AlphaIgnoredCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CodeFixes.FixableDiagnosticIds.AlphaIgnored);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            // The generator reports at the 'Alpha = ...' argument itself.
            if (root.FindNode(diagnostic.Location.SourceSpan) is not AttributeArgumentSyntax { NameEquals.Name.Identifier.ValueText: "Alpha" } alpha
                || alpha.Parent is not AttributeArgumentListSyntax list)
                continue;

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Remove 'Alpha', which this activation ignores",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(list, list.WithArguments(list.Arguments.Remove(alpha))))),
                    equivalenceKey: nameof(AlphaIgnoredCodeFixProvider)),
                diagnostic);
        }
    }
}
