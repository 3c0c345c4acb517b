using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Model.Layers;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Turns a <c>[Network]</c> class into a <see cref="NetworkModel"/> plus diagnostics. It reads symbols and syntax here,
/// once, and returns plain data, so nothing downstream in the pipeline holds on to a compilation.
/// </summary>
/// <remarks>
/// The editor hands the generator half-typed code all the time, so every read here tolerates missing or mistyped
/// pieces: an argument the compiler already rejects produces no model and no NetGen diagnostic of its own.
/// </remarks>
internal static class NetworkParser
{
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

    public static Loss ResolveLoss(Loss declared, Activation output) => declared switch
    {
        Loss.Auto when output == Activation.Softmax => Loss.CategoricalCrossEntropy,
        Loss.Auto when output == Activation.Sigmoid => Loss.BinaryCrossEntropy,
        Loss.Auto => Loss.MeanSquaredError,
        _ => declared,
    };

    public static Init ResolveInit(Init declared, Activation activation) => declared switch
    {
        Init.Auto when activation is Activation.Relu or Activation.LeakyRelu or Activation.Elu => Init.He,
        Init.Auto when activation == Activation.Selu => Init.LeCun,
        Init.Auto => Init.Xavier,
        _ => declared,
    };

    private static ParseResult ParseCore(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax declaration
            || context.Attributes.IsEmpty)
            return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty);

        // The driver calls this once per declaration that carries [Network]. With [Network] on two partial declarations
        // (the compiler reports CS0579) only the first one goes on, so the class is diagnosed once and never emitted twice.
        List<AttributeReader> classAttributes = ReadNetGenAttributes(type, cancellationToken);
        List<AttributeReader> networkAttributes = classAttributes.Where(a => NetGenAttributes.Is(a.Data, NetGenAttributes.Network)).ToList();
        if (networkAttributes.Count > 1 && networkAttributes[0].Syntax?.FirstAncestorOrSelf<TypeDeclarationSyntax>() != declaration)
            return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty);

        var diagnostics = new DiagnosticCollector();
        if (networkAttributes.Count > 1) diagnostics.MarkUnreadable();

        string name = type.Name;
        var network = new AttributeReader(context.Attributes[0], context.Attributes[0].ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax);
        int languageVersion = DeclarationChecks.EffectiveLanguageVersion(declaration);
        DeclarationChecks.Check(type, declaration, network, languageVersion, diagnostics, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();

        if (!network.TryGetInt(0, out int inputSize)) return Unreadable(diagnostics);
        if (inputSize < 1)
            diagnostics.Report(DiagnosticDescriptors.InputSizeTooSmall, network.ArgumentLocation(0, "inputs"), name, inputSize);

        Loss declaredLoss = Loss.Auto;
        switch (network.TryGetNamed("Loss", out int lossValue))
        {
            case ArgumentState.Unreadable:
                return Unreadable(diagnostics);
            case ArgumentState.Present when !Enum.IsDefined(typeof(Loss), lossValue):
                diagnostics.Report(DiagnosticDescriptors.UndefinedEnumValue, network.NamedArgumentLocation("Loss"), "Loss", lossValue, name);
                break;
            case ArgumentState.Present:
                declaredLoss = (Loss)lossValue;
                break;
        }

        // With layers on several declarations their order is undefined, so order-based checks would only add noise.
        if (!CheckLayersOnOneDeclaration(classAttributes, network, name, diagnostics))
            return new ParseResult(null, diagnostics.ToEquatableArray());

        var layerAttributes = classAttributes
            .Where(IsLayer)
            .Select(a => (Attribute: a, IsDense: NetGenAttributes.Is(a.Data, NetGenAttributes.Dense)))
            .ToList();
        List<LayerBuilder>? layers = LayerParser.Read(layerAttributes, name, diagnostics);
        if (layers is null) return Unreadable(diagnostics);

        if (layers.Count == 0)
        {
            diagnostics.Report(DiagnosticDescriptors.NoDenseLayer, network.Location, name);
            return new ParseResult(null, diagnostics.ToEquatableArray());
        }

        LayerParser.CheckSequence(layers, name, diagnostics);
        LayerBuilder output = layers[layers.Count - 1];
        CheckLoss(declaredLoss, output, network, name, diagnostics);
        LayerParser.CheckParameterCount(inputSize, layers, name, diagnostics);

        string? embeddedWeightsPath = EmbeddedWeightsPath(classAttributes, name, diagnostics, out LocationInfo? embeddedWeightsLocation);
        MemberConflicts.Check(type, embeddedWeightsPath is not null, diagnostics, cancellationToken);

        if (!diagnostics.IsSound) return new ParseResult(null, diagnostics.ToEquatableArray());

        var model = new NetworkModel(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? Identifiers.Namespace(ns) : null,
            DeclarationChecks.ContainingTypes(type).ToEquatableArray(),
            Identifiers.Escape(name),
            inputSize,
            ResolveLoss(declaredLoss, output.Activation),
            BuildNodes(inputSize, layers),
            embeddedWeightsPath);
        return new ParseResult(model, diagnostics.ToEquatableArray(), embeddedWeightsLocation);
    }

    private static ParseResult Unreadable(DiagnosticCollector diagnostics)
    {
        diagnostics.MarkUnreadable();
        return new ParseResult(null, diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// The class's NetGen attributes from all of its partial declarations, in source order (file path, then position),
    /// which is the layer order when they all sit on one declaration.
    /// </summary>
    private static List<AttributeReader> ReadNetGenAttributes(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var attributes = new List<(AttributeReader Reader, string Path, int Position, int Index)>();
        ImmutableArray<AttributeData> all = type.GetAttributes();
        for (int i = 0; i < all.Length; i++)
        {
            AttributeData data = all[i];
            if (data.AttributeClass?.ContainingNamespace is not { Name: "NetGen" }) continue;
            var syntax = data.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            attributes.Add((new AttributeReader(data, syntax), syntax?.SyntaxTree.FilePath ?? "", syntax?.SpanStart ?? 0, i));
        }

        // A key sort with the original index as the last key: a total order, unlike a comparer that gives up on nulls.
        return attributes
            .OrderBy(a => a.Path, StringComparer.Ordinal).ThenBy(a => a.Position).ThenBy(a => a.Index)
            .Select(a => a.Reader)
            .ToList();
    }

    /// <summary>
    /// NG0008: layer order across partial declarations is undefined, so every layer attribute must sit on the
    /// declaration that carries [Network]. Reported once, at the first attribute found elsewhere.
    /// </summary>
    private static bool CheckLayersOnOneDeclaration(List<AttributeReader> attributes, AttributeReader network, string name, DiagnosticCollector diagnostics)
    {
        TypeDeclarationSyntax? home = network.Syntax?.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        foreach (AttributeReader attribute in attributes)
        {
            if (attribute.Syntax is null || !IsLayer(attribute)) continue;
            if (attribute.Syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>() == home) continue;
            diagnostics.Report(DiagnosticDescriptors.LayersOnSeveralDeclarations, attribute.Location, name);
            return false;
        }

        return true;
    }

    private static bool IsLayer(AttributeReader attribute) =>
        NetGenAttributes.Is(attribute.Data, NetGenAttributes.Dense) || NetGenAttributes.Is(attribute.Data, NetGenAttributes.Dropout);

    private static void CheckLoss(Loss declared, LayerBuilder output, AttributeReader network, string name, DiagnosticCollector diagnostics)
    {
        string? needed = declared switch
        {
            Loss.BinaryCrossEntropy when output.Activation != Activation.Sigmoid => "Sigmoid",
            Loss.CategoricalCrossEntropy when output.Activation != Activation.Softmax => "Softmax",
            _ => null,
        };
        if (needed is not null)
            diagnostics.Report(DiagnosticDescriptors.LossActivationMismatch, network.NamedArgumentLocation("Loss"), declared, needed, name, output.Activation);
    }

    private static string? EmbeddedWeightsPath(List<AttributeReader> attributes, string name, DiagnosticCollector diagnostics, out LocationInfo? location)
    {
        foreach (AttributeReader attribute in attributes)
        {
            if (!NetGenAttributes.Is(attribute.Data, NetGenAttributes.EmbeddedWeights) || attribute.Data.ConstructorArguments.Length != 1)
                continue;
            TypedConstant argument = attribute.Data.ConstructorArguments[0];
            if (argument.Kind == TypedConstantKind.Error) continue; // the compiler reports the argument itself
            location = attribute.ArgumentLocation(0, "path");
            if (argument.Value is string path && path.Trim().Length > 0) return path;

            // A null or blank path would otherwise be ignored silently, leaving the user without CreatePretrained and no reason.
            diagnostics.Report(DiagnosticDescriptors.WeightsFileMalformed, location, argument.Value as string ?? "null", name,
                "the path is empty; name a safetensors file listed in the project's AdditionalFiles");
            return null;
        }

        location = null;
        return null;
    }

    /// <summary>
    /// The layer nodes, in order: each Dense layer, then its activation unless it is Identity, then its Dropout unless
    /// there is none (a rate of 0 is reported as NG0016 and makes no node, as before).
    /// </summary>
    private static EquatableArray<LayerNode> BuildNodes(int inputSize, List<LayerBuilder> layers)
    {
        var nodes = ImmutableArray.CreateBuilder<LayerNode>();
        int inputs = inputSize, offset = 0;
        foreach (LayerBuilder layer in layers)
        {
            var dense = new DenseNode(layer.Index, inputs, layer.Units, ResolveInit(layer.Init, layer.Activation), offset);
            nodes.Add(dense);
            if (layer.Activation != Activation.Identity)
                nodes.Add(new ActivationNode(layer.Index, layer.Units, layer.Activation, layer.EffectiveAlpha));
            if (layer.DropoutRate > 0f)
                nodes.Add(new DropoutNode(layer.Index, layer.Units, layer.DropoutRate));
            offset += dense.ParameterCount;
            inputs = layer.Units;
        }

        return nodes.ToImmutable().ToEquatableArray();
    }
}
