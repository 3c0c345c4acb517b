using System;
using System.Collections.Generic;

namespace NetGen.Playground;

/// <summary>Turns the Playground's network controls into a NetGen <see cref="NetworkArchitecture"/>.</summary>
public static class PlaygroundArchitecture
{
    /// <summary>
    /// The features as inputs, one Dense layer per hidden layer with the chosen activation, and one output unit: Tanh for
    /// classification (labels are -1 and +1) and linear for regression, both trained on half the squared error, as
    /// in the original.
    /// </summary>
    public static NetworkArchitecture Build(int inputs, IReadOnlyList<int> hiddenLayers, HiddenActivation activation, ProblemKind problem)
    {
        if (hiddenLayers is null) throw new ArgumentNullException(nameof(hiddenLayers));
        var layers = new LayerInfo[hiddenLayers.Count + 1];
        int fanIn = inputs, offset = 0;
        for (int i = 0; i <= hiddenLayers.Count; i++)
        {
            bool output = i == hiddenLayers.Count;
            int units = output ? 1 : hiddenLayers[i];
            Activation act = output ? (problem == ProblemKind.Regression ? NetGen.Activation.Identity : NetGen.Activation.Tanh) : ToNetGen(activation);
            layers[i] = new LayerInfo(fanIn, units, act, 0f, 0f, offset);
            offset += layers[i].ParameterCount;
            fanIn = units;
        }

        return new NetworkArchitecture(inputs, Loss.MeanSquaredError, layers);
    }

    /// <summary>The architecture <paramref name="settings"/> describe.</summary>
    public static NetworkArchitecture Build(PlaygroundSettings settings) =>
        Build(settings.Features.Count, settings.HiddenLayers, settings.Activation, settings.Problem);

    /// <summary>The NetGen activation for a Playground activation.</summary>
    public static Activation ToNetGen(HiddenActivation activation) => activation switch
    {
        HiddenActivation.Relu => NetGen.Activation.Relu,
        HiddenActivation.Tanh => NetGen.Activation.Tanh,
        HiddenActivation.Sigmoid => NetGen.Activation.Sigmoid,
        HiddenActivation.Linear => NetGen.Activation.Identity,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };
}
