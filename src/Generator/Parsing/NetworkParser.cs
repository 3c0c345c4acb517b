using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Turns a <c>[Network]</c> class into a <see cref="NetworkModel"/> plus diagnostics. It reads symbols and syntax here,
/// once, and returns plain data, so nothing downstream in the pipeline holds on to a compilation.
/// </summary>
/// <remarks>
/// The editor hands the generator half-typed code all the time, so every read here tolerates missing or mistyped
/// pieces: a declaration the compiler already rejects produces no model and no NetGen diagnostic of its own.
/// </remarks>
internal static class NetworkParser
{
    /// <summary>The most elements one .NET array may hold (<c>Array.MaxLength</c>).</summary>
    internal const int MaxParameterCount = 0x7FFFFFC7;

    private const float DefaultLeakyReluAlpha = 0.01f;
    private const float DefaultEluAlpha = 1.0f;

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        try
        {
            return ParseCore(context, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            // A bug here must not take down every other network's output (an exception in a generator removes all of
            // it), and must not pass silently either.
            var info = DiagnosticInfo.Create(
                DiagnosticDescriptors.InternalError, LocationInfo.From(context.TargetNode.GetLocation()),
                context.TargetSymbol.Name, exception.GetType().Name + ": " + exception.Message);
            return new ParseResult(null, new[] { info }.ToEquatableArray());
        }
    }

    private static ParseResult ParseCore(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax declaration)
            return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty);

        var diagnostics = new List<DiagnosticInfo>();
        string name = type.Name;
        bool sound = true;

        // Only the declaration that carries [Network] reports, so a class split over files is diagnosed once.
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, LocationInfo.From(declaration.Identifier.GetLocation()), name));
            sound = false;
        }

        if (type.IsStatic || type.IsRecord || type.TypeKind != TypeKind.Class)
        {
            string what = type.IsStatic ? "static" : type.IsRecord ? "a record" : "not a class";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAnInstanceClass, LocationInfo.From(declaration.Identifier.GetLocation()), name, what));
            sound = false;
        }

        if (type.TypeParameters.Length > 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericNetwork, LocationInfo.From(declaration.Identifier.GetLocation()), name));
            sound = false;
        }

        var containingTypes = new List<ContainingTypeModel>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (!IsPartial(outer, cancellationToken))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContainingTypeNotPartial, LocationInfo.From(declaration.Identifier.GetLocation()), name, outer.Name));
                sound = false;
            }

            containingTypes.Insert(0, new ContainingTypeModel(TypeKeyword(outer), NameWithTypeParameters(outer)));
        }

        cancellationToken.ThrowIfCancellationRequested();

        // [Network] itself: FAWMN guarantees one matching attribute class, but its arguments may be half-typed.
        AttributeData? networkAttribute = context.Attributes.FirstOrDefault();
        if (networkAttribute is null || !TryGetInt(networkAttribute, 0, out int inputSize))
            return new ParseResult(null, diagnostics.ToEquatableArray());
        AttributeSyntax? networkSyntax = networkAttribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;

        if (inputSize < 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InputSizeTooSmall, ArgumentLocation(networkSyntax, 0, null), name, inputSize));
            sound = false;
        }

        LossKind declaredLoss = LossKind.Auto;
        if (TryGetNamed(networkAttribute, "Loss", out TypedConstant lossConstant))
        {
            if (lossConstant.Value is not int lossValue) return new ParseResult(null, diagnostics.ToEquatableArray());
            if (!Enum.IsDefined(typeof(LossKind), lossValue))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedEnumValue, ArgumentLocation(networkSyntax, -1, "Loss"), "Loss", lossValue, name));
                sound = false;
            }
            else
            {
                declaredLoss = (LossKind)lossValue;
            }
        }

        // Layers, in source order. Attributes may come from several partial declarations; their relative order is then
        // meaningless, which NG0008 reports.
        var layerAttributes = new List<(AttributeData Data, AttributeSyntax? Syntax, bool IsDense)>();
        var declaringTrees = new HashSet<(SyntaxTree Tree, int Position)>();
        foreach (AttributeData attribute in type.GetAttributes())
        {
            bool isDense = IsNetGenAttribute(attribute, "DenseAttribute");
            bool isDropout = !isDense && IsNetGenAttribute(attribute, "DropoutAttribute");
            bool isNetwork = !isDense && !isDropout && IsNetGenAttribute(attribute, "NetworkAttribute");
            if (!isDense && !isDropout && !isNetwork) continue;

            SyntaxReference? reference = attribute.ApplicationSyntaxReference;
            AttributeSyntax? syntax = reference?.GetSyntax(cancellationToken) as AttributeSyntax;
            TypeDeclarationSyntax? owner = syntax?.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            if (owner is not null) declaringTrees.Add((owner.SyntaxTree, owner.SpanStart));
            if (!isNetwork) layerAttributes.Add((attribute, syntax, isDense));
        }

        if (declaringTrees.Count > 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayersOnSeveralDeclarations, LocationInfo.From(declaration.Identifier.GetLocation()), name));
            sound = false;
        }

        layerAttributes.Sort((a, b) => a.Syntax is null || b.Syntax is null
            ? 0
            : string.CompareOrdinal(a.Syntax.SyntaxTree.FilePath, b.Syntax.SyntaxTree.FilePath) is var byFile && byFile != 0
                ? byFile
                : a.Syntax.SpanStart.CompareTo(b.Syntax.SpanStart));

        var layers = new List<LayerBuilder>();
        bool dropoutSeenBeforeFirstLayer = false;
        foreach ((AttributeData data, AttributeSyntax? syntax, bool isDense) in layerAttributes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (isDense)
            {
                int index = layers.Count;
                if (!TryGetInt(data, 0, out int units)) return new ParseResult(null, diagnostics.ToEquatableArray());
                int activationValue = 0;
                if (data.ConstructorArguments.Length > 1)
                {
                    if (data.ConstructorArguments[1].Value is not int a) return new ParseResult(null, diagnostics.ToEquatableArray());
                    activationValue = a;
                }

                if (units < 1)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnitsTooSmall, ArgumentLocation(syntax, 0, null), index, name, units));
                    sound = false;
                }

                if (!Enum.IsDefined(typeof(ActivationKind), activationValue))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedEnumValue, ArgumentLocation(syntax, 1, null), "Activation", activationValue, name));
                    sound = false;
                    activationValue = 0;
                }

                var layer = new LayerBuilder(index, units, (ActivationKind)activationValue, syntax);

                if (TryGetNamed(data, "Init", out TypedConstant initConstant))
                {
                    if (initConstant.Value is not int initValue) return new ParseResult(null, diagnostics.ToEquatableArray());
                    if (!Enum.IsDefined(typeof(InitKind), initValue))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedEnumValue, ArgumentLocation(syntax, -1, "Init"), "Init", initValue, name));
                        sound = false;
                    }
                    else
                    {
                        layer.Init = (InitKind)initValue;
                    }
                }

                if (TryGetNamed(data, "Alpha", out TypedConstant alphaConstant))
                {
                    if (alphaConstant.Value is not float alpha) return new ParseResult(null, diagnostics.ToEquatableArray());
                    sound &= CheckAlpha(layer, alpha, ArgumentLocation(syntax, -1, "Alpha"), name, diagnostics);
                }

                layers.Add(layer);
            }
            else
            {
                if (!TryGetFloat(data, 0, out float rate)) return new ParseResult(null, diagnostics.ToEquatableArray());
                LocationInfo? location = LocationInfo.From(syntax);
                if (!(rate >= 0f && rate < 1f))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DropoutRateOutOfRange, ArgumentLocation(syntax, 0, null), rate, name));
                    sound = false;
                }

                if (layers.Count == 0)
                {
                    if (!dropoutSeenBeforeFirstLayer)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DropoutBeforeFirstLayer, location, name));
                    dropoutSeenBeforeFirstLayer = true;
                    sound = false;
                }
                else
                {
                    LayerBuilder previous = layers[layers.Count - 1];
                    if (previous.DropoutSyntaxSeen)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConsecutiveDropout, location, previous.Index, name));
                        sound = false;
                    }

                    previous.DropoutSyntaxSeen = true;
                    previous.DropoutRate = rate;
                    previous.DropoutLocation = location;
                }
            }
        }

        if (layers.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoDenseLayer, LocationInfo.From(networkSyntax), name));
            return new ParseResult(null, diagnostics.ToEquatableArray());
        }

        LayerBuilder output = layers[layers.Count - 1];
        if (output.DropoutSyntaxSeen)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DropoutAfterOutput, output.DropoutLocation, name));
            sound = false;
        }

        for (int i = 0; i < layers.Count - 1; i++)
        {
            if (layers[i].Activation == ActivationKind.Softmax)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxOnHiddenLayer, ArgumentLocation(layers[i].Syntax, 1, null), i, name, layers.Count - 1));
                sound = false;
            }
        }

        if (output.Activation == ActivationKind.Softmax && output.Units == 1)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxSingleUnit, LocationInfo.From(output.Syntax), name));

        LossKind loss = ResolveLoss(declaredLoss, output.Activation);
        if (declaredLoss == LossKind.BinaryCrossEntropy && output.Activation != ActivationKind.Sigmoid
            || declaredLoss == LossKind.CategoricalCrossEntropy && output.Activation != ActivationKind.Softmax)
        {
            string needed = declaredLoss == LossKind.BinaryCrossEntropy ? "Sigmoid" : "Softmax";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LossActivationMismatch, ArgumentLocation(networkSyntax, -1, "Loss"), declaredLoss, needed, name, output.Activation));
            sound = false;
        }

        // Parameter count, in 64-bit so an overflow is reported rather than wrapped.
        long parameterCount = 0;
        long previousUnits = inputSize;
        foreach (LayerBuilder layer in layers)
        {
            parameterCount += (long)layer.Units * (previousUnits + 1);
            previousUnits = layer.Units;
        }

        if (sound && parameterCount > MaxParameterCount)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooManyParameters, LocationInfo.From(networkSyntax), name, parameterCount, MaxParameterCount));
            sound = false;
        }

        sound &= CheckMemberConflicts(type, name, diagnostics, cancellationToken);

        if (!sound) return new ParseResult(null, diagnostics.ToEquatableArray());

        var layerModels = ImmutableArray.CreateBuilder<LayerModel>(layers.Count);
        int inputs = inputSize, offset = 0;
        foreach (LayerBuilder layer in layers)
        {
            layerModels.Add(new LayerModel(
                layer.Index, inputs, layer.Units, layer.Activation, layer.EffectiveAlpha, ResolveInit(layer.Init, layer.Activation),
                layer.DropoutRate, offset));
            offset += layer.Units * (inputs + 1);
            inputs = layer.Units;
        }

        string? embeddedWeightsPath = null;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (IsNetGenAttribute(attribute, "EmbeddedWeightsAttribute") && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string path)
                embeddedWeightsPath = path;
        }

        var model = new NetworkModel(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            containingTypes.ToEquatableArray(),
            name,
            inputSize,
            loss,
            layerModels.MoveToImmutable().ToEquatableArray(),
            EffectiveLanguageVersion(declaration),
            embeddedWeightsPath);
        return new ParseResult(model, diagnostics.ToEquatableArray());
    }

    public static LossKind ResolveLoss(LossKind declared, ActivationKind output) => declared switch
    {
        LossKind.Auto when output == ActivationKind.Softmax => LossKind.CategoricalCrossEntropy,
        LossKind.Auto when output == ActivationKind.Sigmoid => LossKind.BinaryCrossEntropy,
        LossKind.Auto => LossKind.MeanSquaredError,
        _ => declared,
    };

    public static InitKind ResolveInit(InitKind declared, ActivationKind activation) => declared switch
    {
        InitKind.Auto when activation is ActivationKind.Relu or ActivationKind.LeakyRelu or ActivationKind.Elu => InitKind.He,
        InitKind.Auto when activation == ActivationKind.Selu => InitKind.LeCun,
        InitKind.Auto => InitKind.Xavier,
        _ => declared,
    };

    private static bool CheckAlpha(LayerBuilder layer, float alpha, LocationInfo? location, string name, List<DiagnosticInfo> diagnostics)
    {
        switch (layer.Activation)
        {
            case ActivationKind.LeakyRelu:
                if (!(alpha >= 0f && alpha < 1f))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AlphaOutOfRange, location, layer.Index, name, alpha, "LeakyRelu", "a slope in [0, 1)"));
                    return false;
                }

                layer.Alpha = alpha;
                return true;
            case ActivationKind.Elu:
                if (!(alpha > 0f && !float.IsInfinity(alpha)))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AlphaOutOfRange, location, layer.Index, name, alpha, "Elu", "a finite alpha above 0"));
                    return false;
                }

                layer.Alpha = alpha;
                return true;
            default:
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AlphaIgnored, location, layer.Index, name, alpha, layer.Activation));
                return true;
        }
    }

    /// <summary>Names every network gets; a user member with one of them would clash with the generated part.</summary>
    internal static readonly ImmutableHashSet<string> GeneratedMemberNames = ImmutableHashSet.Create(
        "InputSize", "OutputSize", "ParameterCount", "LayerCount", "Architecture", "Parameters", "Gradients",
        "Forward", "Classify", "ForwardBatch", "AccumulateGradients", "AccumulateGradientsBatch", "ZeroGradients",
        "Summary", "CreatePretrained");

    private static bool CheckMemberConflicts(INamedTypeSymbol type, string name, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        bool sound = true;
        foreach (ISymbol member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member.IsImplicitlyDeclared) continue;
            string? conflict = null;
            if (member is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor)
            {
                if (constructor.Parameters.Length == 0) conflict = name + "()";
                else if (constructor.Parameters.Length == 1 && constructor.Parameters[0].Type.SpecialType == SpecialType.System_Int32) conflict = name + "(int)";
            }
            else if (GeneratedMemberNames.Contains(member.Name) || member.Name.StartsWith("__netgen", StringComparison.Ordinal))
            {
                conflict = member.Name;
            }

            if (conflict is null) continue;
            Location? location = member.Locations.FirstOrDefault(l => l.IsInSource);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberNameConflict, LocationInfo.From(location), name, conflict));
            sound = false;
        }

        return sound;
    }

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax syntax && syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
                return true;
        }

        return false;
    }

    private static string TypeKeyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    private static string NameWithTypeParameters(INamedTypeSymbol type) =>
        type.TypeParameters.Length == 0 ? type.Name : type.Name + "<" + string.Join(", ", type.TypeParameters.Select(p => p.Name)) + ">";

    private static bool IsNetGenAttribute(AttributeData attribute, string name) =>
        attribute.AttributeClass is { } c && c.Name == name
        && c.ContainingNamespace is { Name: "NetGen", ContainingNamespace.IsGlobalNamespace: true };

    private static bool TryGetInt(AttributeData attribute, int index, out int value)
    {
        value = 0;
        if (attribute.ConstructorArguments.Length <= index) return false;
        TypedConstant argument = attribute.ConstructorArguments[index];
        if (argument.Kind == TypedConstantKind.Error || argument.Value is not int v) return false;
        value = v;
        return true;
    }

    private static bool TryGetFloat(AttributeData attribute, int index, out float value)
    {
        value = 0;
        if (attribute.ConstructorArguments.Length <= index) return false;
        TypedConstant argument = attribute.ConstructorArguments[index];
        if (argument.Kind == TypedConstantKind.Error || argument.Value is not float v) return false;
        value = v;
        return true;
    }

    private static bool TryGetNamed(AttributeData attribute, string name, out TypedConstant value)
    {
        foreach (KeyValuePair<string, TypedConstant> pair in attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Kind != TypedConstantKind.Error)
            {
                value = pair.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The location of positional argument <paramref name="position"/> or named argument <paramref name="name"/>, falling back to the attribute.</summary>
    private static LocationInfo? ArgumentLocation(AttributeSyntax? attribute, int position, string? name)
    {
        if (attribute?.ArgumentList is { } list)
        {
            int positional = 0;
            foreach (AttributeArgumentSyntax argument in list.Arguments)
            {
                if (name is not null && argument.NameEquals?.Name.Identifier.ValueText == name) return LocationInfo.From(argument);
                if (argument.NameEquals is null && argument.NameColon is null)
                {
                    if (positional == position && name is null) return LocationInfo.From(argument);
                    positional++;
                }
                else if (name is null && argument.NameColon is not null && position == 0 && argument.NameColon.Name.Identifier.ValueText is "inputs" or "units" or "rate")
                {
                    return LocationInfo.From(argument);
                }
                else if (name is null && argument.NameColon is not null && position == 1 && argument.NameColon.Name.Identifier.ValueText == "activation")
                {
                    return LocationInfo.From(argument);
                }
            }
        }

        return LocationInfo.From(attribute);
    }

    private static int EffectiveLanguageVersion(SyntaxNode node) =>
        node.SyntaxTree.Options is CSharpParseOptions options ? (int)options.LanguageVersion.MapSpecifiedToEffectiveVersion() / 100 : 9;

    private sealed class LayerBuilder
    {
        public LayerBuilder(int index, int units, ActivationKind activation, AttributeSyntax? syntax)
        {
            Index = index;
            Units = units;
            Activation = activation;
            Syntax = syntax;
        }

        public int Index { get; }
        public int Units { get; }
        public ActivationKind Activation { get; }
        public AttributeSyntax? Syntax { get; }
        public float? Alpha { get; set; }
        public InitKind Init { get; set; }
        public float DropoutRate { get; set; }
        public bool DropoutSyntaxSeen { get; set; }
        public LocationInfo? DropoutLocation { get; set; }

        public float EffectiveAlpha => Activation switch
        {
            ActivationKind.LeakyRelu => Alpha ?? DefaultLeakyReluAlpha,
            ActivationKind.Elu => Alpha ?? DefaultEluAlpha,
            _ => 0f,
        };
    }
}
