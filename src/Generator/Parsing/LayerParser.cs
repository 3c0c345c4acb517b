using System;
using System.Collections.Generic;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Reads the <c>[Dense]</c> and <c>[Dropout]</c> attributes, in source order, into layers, and checks each layer on its
/// own and in sequence (Softmax placement, Dropout placement, Alpha, parameter count).
/// </summary>
internal static class LayerParser
{
    /// <summary>The most elements one .NET array may hold (<c>Array.MaxLength</c>); <c>Parameters</c> is one array.</summary>
    public const int MaxParameterCount = 0x7FFFFFC7;

    /// <summary>Returns the layers, or null when an argument is unreadable (the compiler reports that one).</summary>
    public static List<LayerBuilder>? Read(IReadOnlyList<(AttributeReader Attribute, bool IsDense)> attributes, string name, DiagnosticCollector diagnostics)
    {
        var layers = new List<LayerBuilder>();
        bool reportedDropoutBeforeFirstLayer = false;
        foreach ((AttributeReader attribute, bool isDense) in attributes)
        {
            if (isDense)
            {
                LayerBuilder? layer = ReadDense(attribute, layers.Count, name, diagnostics);
                if (layer is null) return null;
                layers.Add(layer);
                continue;
            }

            if (!attribute.TryGetFloat(0, out float rate)) return null;
            if (!(rate >= 0f && rate < 1f))
                diagnostics.Report(DiagnosticDescriptors.DropoutRateOutOfRange, attribute.ArgumentLocation(0, "rate"), rate, name);

            if (layers.Count == 0)
            {
                if (!reportedDropoutBeforeFirstLayer)
                    diagnostics.Report(DiagnosticDescriptors.DropoutBeforeFirstLayer, attribute.Location, name);
                reportedDropoutBeforeFirstLayer = true;
                continue;
            }

            LayerBuilder previous = layers[layers.Count - 1];
            if (previous.HasDropoutAttribute)
                diagnostics.Report(DiagnosticDescriptors.ConsecutiveDropout, attribute.Location, previous.Index, name);
            else if (rate == 0f)
                diagnostics.Report(DiagnosticDescriptors.DropoutRateZero, attribute.ArgumentLocation(0, "rate"), previous.Index, name);

            previous.HasDropoutAttribute = true;
            previous.DropoutRate = rate;
            previous.DropoutLocation = attribute.Location;
        }

        return layers;
    }

    /// <summary>Checks that need the whole stack: what only the output layer may do, and what it may not.</summary>
    public static void CheckSequence(List<LayerBuilder> layers, string name, DiagnosticCollector diagnostics)
    {
        LayerBuilder output = layers[layers.Count - 1];
        if (output.HasDropoutAttribute)
            diagnostics.Report(DiagnosticDescriptors.DropoutAfterOutput, output.DropoutLocation, name);

        for (int i = 0; i < layers.Count - 1; i++)
        {
            LayerBuilder hidden = layers[i];
            if (hidden.Activation == Activation.Softmax)
                diagnostics.Report(DiagnosticDescriptors.SoftmaxOnHiddenLayer, hidden.Attribute.ArgumentLocation(1, "activation"), i, name, output.Index);
            else if (hidden.Activation == Activation.Identity)
                diagnostics.Report(DiagnosticDescriptors.LinearHiddenLayer, hidden.Attribute.ArgumentLocation(1, "activation"), i, name);
        }

        if (output.Activation == Activation.Softmax && output.Units == 1)
            diagnostics.Report(DiagnosticDescriptors.SoftmaxSingleUnit, output.Attribute.Location, name);
    }

    /// <summary>
    /// Reports NG0009 at the layer whose weights push the total past what one array holds. Counts in 64 bits and stops
    /// at the first excess, so even a stack of <c>int.MaxValue</c>-unit layers cannot wrap around.
    /// </summary>
    public static void CheckParameterCount(int inputSize, List<LayerBuilder> layers, string name, DiagnosticCollector diagnostics)
    {
        long total = 0;
        long previousUnits = inputSize;
        foreach (LayerBuilder layer in layers)
        {
            total += layer.Units * (previousUnits + 1);
            if (total > MaxParameterCount)
            {
                diagnostics.Report(DiagnosticDescriptors.TooManyParameters, layer.Attribute.Location, name, total, layer.Index, layer.Units, MaxParameterCount);
                return;
            }

            previousUnits = layer.Units;
        }
    }

    private static LayerBuilder? ReadDense(AttributeReader attribute, int index, string name, DiagnosticCollector diagnostics)
    {
        if (!attribute.TryGetInt(0, out int units)) return null;
        if (!attribute.TryGetInt(1, out int activationValue)) return null;

        if (units < 1)
            diagnostics.Report(DiagnosticDescriptors.UnitsTooSmall, attribute.ArgumentLocation(0, "units"), index, name, units);

        if (!Enum.IsDefined(typeof(Activation), activationValue))
        {
            diagnostics.Report(DiagnosticDescriptors.UndefinedEnumValue, attribute.ArgumentLocation(1, "activation"), "Activation", activationValue, name);
            activationValue = (int)Activation.Identity;
        }

        var layer = new LayerBuilder(index, units, (Activation)activationValue, attribute);

        switch (attribute.TryGetNamed("Init", out int initValue))
        {
            case ArgumentState.Unreadable:
                return null;
            case ArgumentState.Present when !Enum.IsDefined(typeof(Init), initValue):
                diagnostics.Report(DiagnosticDescriptors.UndefinedEnumValue, attribute.NamedArgumentLocation("Init"), "Init", initValue, name);
                break;
            case ArgumentState.Present:
                layer.Init = (Init)initValue;
                break;
        }

        switch (attribute.TryGetNamed("Alpha", out float alpha))
        {
            case ArgumentState.Unreadable:
                return null;
            case ArgumentState.Present:
                CheckAlpha(layer, alpha, name, diagnostics);
                break;
        }

        return layer;
    }

    private static void CheckAlpha(LayerBuilder layer, float alpha, string name, DiagnosticCollector diagnostics)
    {
        var location = layer.Attribute.NamedArgumentLocation("Alpha");
        switch (layer.Activation)
        {
            // A LeakyRelu slope of 1 or more is no longer "leaky" (1 is the identity) and a negative one is not monotonic.
            case Activation.LeakyRelu when !(alpha >= 0f && alpha < 1f):
                diagnostics.Report(DiagnosticDescriptors.AlphaOutOfRange, location, layer.Index, name, alpha, "LeakyRelu", "a slope in [0, 1)");
                break;
            case Activation.Elu when !(alpha > 0f && !float.IsInfinity(alpha)):
                diagnostics.Report(DiagnosticDescriptors.AlphaOutOfRange, location, layer.Index, name, alpha, "Elu", "a finite alpha above 0");
                break;
            case Activation.LeakyRelu or Activation.Elu:
                layer.Alpha = alpha;
                break;
            default:
                diagnostics.Report(DiagnosticDescriptors.AlphaIgnored, location, layer.Index, name, alpha, layer.Activation);
                break;
        }
    }
}
