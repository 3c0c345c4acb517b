using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace NetGen.Generator.Analyzers;

/// <summary>
/// The length of a <c>float</c> buffer expression when the compiler can prove it, else null. Proven: array creation
/// with a constant size or an initialiser (<c>new float[4]</c>, <c>new float[OtherNet.InputSize]</c>,
/// <c>{ 1f, 2f }</c>), <c>stackalloc</c> likewise, collection expressions without spreads, <c>Slice</c>/<c>AsSpan</c>
/// and ranges with constant bounds, span constructors, and locals and fields that are only ever assigned their
/// initialiser. Anything else (parameters, method results, a local assigned twice, a field written outside its
/// declaration) is unknown: the analyzer reports nothing rather than guess.
/// </summary>
internal static class KnownLength
{
    // Chains such as a local initialised from a slice of a field are short; the cap only stops pathological ones.
    private const int MaxDepth = 8;

    public static int? Of(IOperation operation, CancellationToken cancellationToken) => Of(operation, 0, cancellationToken);

    private static int? Of(IOperation? operation, int depth, CancellationToken cancellationToken)
    {
        if (operation is null || depth > MaxDepth) return null;
        cancellationToken.ThrowIfCancellationRequested();
        switch (operation)
        {
            case IConversionOperation conversion:
                return Of(conversion.Operand, depth + 1, cancellationToken);
            case IArrayCreationOperation { DimensionSizes.Length: 1 } array:
                return NonNegative(array.DimensionSizes[0].ConstantValue);
            case ILocalReferenceOperation local:
                return OnlyInitializer(local.Local, operation, depth, cancellationToken);
            case IFieldReferenceOperation field:
                return OnlyInitializer(field.Field, operation, depth, cancellationToken);
            case IInvocationOperation invocation:
                return OfSliceCall(invocation, depth, cancellationToken);
            case IObjectCreationOperation creation when IsSpanType(creation.Type):
                return OfSpanConstructor(creation, depth, cancellationToken);
        }

        // Forms the Roslyn 4.3 operation API does not model (stackalloc, collection expressions, ranges): read syntax.
        return OfSyntax(operation, depth, cancellationToken);
    }

    private static int? OfSliceCall(IInvocationOperation invocation, int depth, CancellationToken cancellationToken)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (method.Name is not ("Slice" or "AsSpan" or "AsMemory")) return null;
        bool extension = method.IsExtensionMethod || method.IsStatic;
        IOperation? source = extension ? invocation.Arguments.FirstOrDefault()?.Value : invocation.Instance;
        var rest = invocation.Arguments.Skip(extension ? 1 : 0).ToArray();
        if (rest.Any(a => a.Parameter?.Type.SpecialType != SpecialType.System_Int32)) return null; // Index/Range overloads
        if (method.Name != "Slice" && !IsSpanOrArray(source?.Type)) return null;
        switch (rest.Length)
        {
            case 0:
                return Of(source, depth + 1, cancellationToken);
            case 1:
                int? whole = Of(source, depth + 1, cancellationToken);
                int? start = NonNegative(rest[0].Value.ConstantValue);
                return whole is int w && start is int s && s <= w ? w - s : null;
            case 2:
                return NonNegative(rest[1].Value.ConstantValue);
            default:
                return null;
        }
    }

    private static int? OfSpanConstructor(IObjectCreationOperation creation, int depth, CancellationToken cancellationToken)
    {
        var arguments = creation.Arguments;
        if (arguments.Length == 1 && arguments[0].Value.Type is IArrayTypeSymbol) return Of(arguments[0].Value, depth + 1, cancellationToken);
        if (arguments.Length == 3 && arguments[0].Value.Type is IArrayTypeSymbol) return NonNegative(arguments[2].Value.ConstantValue);
        return null;
    }

    /// <summary>A local or field whose only assignment is its initialiser: the initialiser's length.</summary>
    private static int? OnlyInitializer(ISymbol symbol, IOperation use, int depth, CancellationToken cancellationToken)
    {
        SemanticModel? model = use.SemanticModel;
        if (model is null || symbol.DeclaringSyntaxReferences.Length != 1) return null;
        if (symbol is IFieldSymbol field && !(field.IsReadOnly || field.DeclaredAccessibility == Accessibility.Private)) return null;
        if (symbol is ILocalSymbol { IsRef: true }) return null;

        SyntaxNode declaration = symbol.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        if (declaration is not VariableDeclaratorSyntax { Initializer: { } initializer } || declaration.SyntaxTree != model.SyntaxTree) return null;

        // Where it could be written: a local in its enclosing body, a field anywhere in its type (private, or readonly
        // and so only in constructors). Other partial declarations of the type in other files cannot be checked with
        // this semantic model: then the length is unknown.
        SyntaxNode? scope = symbol is ILocalSymbol
            ? declaration.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or CompilationUnitSyntax)
            : declaration.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault();
        if (scope is null) return null;
        if (symbol is IFieldSymbol && symbol.ContainingType.DeclaringSyntaxReferences.Length != 1) return null;
        if (IsWrittenIn(scope, symbol, model, cancellationToken)) return null;

        // `= new float[4]` and the bare array initialiser `= { 1f, 2f }` both bind to a symbol initialiser operation.
        IOperation? value = model.GetOperation(initializer, cancellationToken) is ISymbolInitializerOperation symbolInitializer
            ? symbolInitializer.Value
            : model.GetOperation(initializer.Value, cancellationToken);
        return Of(value, depth + 1, cancellationToken);
    }

    private static bool IsWrittenIn(SyntaxNode scope, ISymbol symbol, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (IdentifierNameSyntax name in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (name.Identifier.ValueText != symbol.Name) continue;
            SyntaxNode target = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
            bool written = target.Parent switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left == target,
                ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None) && !argument.RefKindKeyword.IsKind(SyntaxKind.InKeyword),
                RefExpressionSyntax => true,
                PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.AddressOfExpression } => true,
                _ => false,
            };
            if (written && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, symbol)) return true;
        }
        return false;
    }

    private static int? OfSyntax(IOperation operation, int depth, CancellationToken cancellationToken)
    {
        SyntaxNode syntax = operation.Syntax;
        SemanticModel? model = operation.SemanticModel;
        while (syntax is ParenthesizedExpressionSyntax parenthesized) syntax = parenthesized.Expression;
        switch (syntax)
        {
            case StackAllocArrayCreationExpressionSyntax stackAlloc:
                if (stackAlloc.Initializer is { } stackInitializer) return stackInitializer.Expressions.Count;
                if (model is null || stackAlloc.Type is not ArrayTypeSyntax { RankSpecifiers: { Count: 1 } ranks } || ranks[0].Sizes.Count != 1) return null;
                return NonNegative(model.GetConstantValue(ranks[0].Sizes[0], cancellationToken));
            case ImplicitStackAllocArrayCreationExpressionSyntax implicitStackAlloc:
                return implicitStackAlloc.Initializer.Expressions.Count;
            case ElementAccessExpressionSyntax { ArgumentList.Arguments: { Count: 1 } arguments } access when arguments[0].Expression is RangeExpressionSyntax range:
                return OfRange(access, range, model, depth, cancellationToken);
        }

        // C# 12 collection expressions (`[1f, 2f, 3f]`): newer than the Roslyn 4.3 API this assembly is built against,
        // so recognised by name. Each element is one value unless it is a spread (`..other`), whose length is unknown.
        if (syntax.GetType().Name == "CollectionExpressionSyntax")
        {
            var elements = syntax.ChildNodes().ToArray();
            return elements.All(e => e.GetType().Name == "ExpressionElementSyntax") ? elements.Length : null;
        }
        return null;
    }

    private static int? OfRange(ElementAccessExpressionSyntax access, RangeExpressionSyntax range, SemanticModel? model, int depth, CancellationToken cancellationToken)
    {
        if (model is null) return null;
        int? Bound(ExpressionSyntax? bound, int? length, int whenMissing)
        {
            if (bound is null) return whenMissing;
            bool fromEnd = bound is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.IndexExpression };
            ExpressionSyntax value = bound is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.IndexExpression } hat ? hat.Operand : bound;
            if (NonNegative(model.GetConstantValue(value, cancellationToken)) is not int offset) return null;
            return fromEnd ? length - offset : offset;
        }

        int? whole = Of(model.GetOperation(access.Expression, cancellationToken), depth + 1, cancellationToken);
        int? start = Bound(range.LeftOperand, whole, 0);
        int? end = range.RightOperand is null ? whole : Bound(range.RightOperand, whole, 0);
        return start is int s && end is int e && e >= s ? e - s : null;
    }

    private static bool IsSpanType(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan" or "Memory" or "ReadOnlyMemory", TypeArguments.Length: 1 } named
        && named.ContainingNamespace?.ToDisplayString() == "System";

    private static bool IsSpanOrArray(ITypeSymbol? type) => type is IArrayTypeSymbol || IsSpanType(type);

    private static int? NonNegative(Optional<object?> constant) => constant is { HasValue: true, Value: int value } && value >= 0 ? value : null;
}
