using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace NetGen.CodeFixes;

/// <summary>
/// Reading and writing the arguments of NetGen's declaration attributes, binding them as the generator does:
/// positional arguments by position until the first named one, <c>name: value</c> by parameter name.
/// </summary>
internal static class DeclarationSyntax
{
    public const string ActivationTypeName = "NetGen.Activation";
    public const string LossTypeName = "NetGen.Loss";
    private const string DenseAttributeName = "NetGen.DenseAttribute";

    // Values of NetGen.Activation and NetGen.Loss by their constant (src/Runtime/Declaration/Activation.cs and Loss.cs;
    // a test checks these against the enums).
    public static readonly string[] ActivationNames = { "Identity", "Sigmoid", "Tanh", "Relu", "LeakyRelu", "Elu", "Selu", "Softmax", "Softsign" };
    public static readonly string[] LossNames = { "Auto", "MeanSquaredError", "BinaryCrossEntropy", "CategoricalCrossEntropy" };

    /// <summary>The [Dense] attributes on <paramref name="type"/>, in declaration order (the last is the output layer).</summary>
    public static List<AttributeSyntax> DenseAttributes(TypeDeclarationSyntax type, SemanticModel model) =>
        type.AttributeLists.SelectMany(list => list.Attributes)
            .Where(attribute => model.GetSymbolInfo(attribute).Symbol?.ContainingType?.ToDisplayString() == DenseAttributeName)
            .ToList();

    /// <summary>The argument bound to constructor parameter <paramref name="position"/> (<paramref name="name"/>), if written.</summary>
    public static AttributeArgumentSyntax? ConstructorArgument(AttributeSyntax attribute, int position, string name)
    {
        if (attribute.ArgumentList is not { } list) return null;
        for (int i = 0; i < list.Arguments.Count; i++)
        {
            AttributeArgumentSyntax argument = list.Arguments[i];
            if (argument.NameEquals is not null) continue;
            if (argument.NameColon is not null)
            {
                if (argument.NameColon.Name.Identifier.ValueText == name) return argument;
            }
            else if (i == position)
            {
                return argument;
            }
        }

        return null;
    }

    /// <summary>The activation a [Dense] declares (Identity when not written), or null when it is not a constant.</summary>
    public static string? ActivationOf(AttributeSyntax dense, SemanticModel model)
    {
        if (ConstructorArgument(dense, 1, "activation") is not { } argument) return ActivationNames[0];
        return model.GetConstantValue(argument.Expression).Value is int value && value >= 0 && value < ActivationNames.Length
            ? ActivationNames[value]
            : null;
    }

    /// <summary>
    /// <c>Activation.Relu</c> (or <c>Loss.X</c>), written fully qualified and marked for simplification, so the applied
    /// fix reads as the user would write it under their usings.
    /// </summary>
    public static ExpressionSyntax EnumMember(string enumTypeName, string member) =>
        SyntaxFactory.ParseExpression("global::" + enumTypeName + "." + member).WithAdditionalAnnotations(Simplifier.Annotation);

    /// <summary>The type declaration whose attribute argument or identifier <paramref name="node"/> is, or contains.</summary>
    public static TypeDeclarationSyntax? DeclarationOf(SyntaxNode node) =>
        node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
}
