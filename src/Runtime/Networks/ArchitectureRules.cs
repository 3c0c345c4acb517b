using System;
using System.Globalization;

namespace NetGen;

/// <summary>
/// The rules the generator enforces on attributes (docs/diagnostics.md), applied to a run-time architecture: what a
/// <see cref="DynamicNetwork"/> accepts is exactly what a declaration could generate.
/// </summary>
internal static class ArchitectureRules
{
    /// <summary>PyTorch's <c>nn.LeakyReLU</c> default negative slope, as the generator uses it.</summary>
    public const float DefaultLeakyReluAlpha = 0.01f;

    /// <summary>PyTorch's <c>nn.ELU</c> default alpha, as the generator uses it.</summary>
    public const float DefaultEluAlpha = 1.0f;

    /// <summary>The loss <see cref="Loss.Auto"/> stands for with this output activation.</summary>
    public static Loss ResolveLoss(Loss declared, Activation output) => declared switch
    {
        Loss.Auto when output == Activation.Softmax => Loss.CategoricalCrossEntropy,
        Loss.Auto when output == Activation.Sigmoid => Loss.BinaryCrossEntropy,
        Loss.Auto => Loss.MeanSquaredError,
        _ => declared,
    };

    /// <summary>The alpha a layer gets when none is given: 0.01 for LeakyRelu, 1 for Elu, 0 for activations without one.</summary>
    public static float DefaultAlpha(Activation activation) => activation switch
    {
        Activation.LeakyRelu => DefaultLeakyReluAlpha,
        Activation.Elu => DefaultEluAlpha,
        _ => 0f,
    };

    /// <summary>Null if the layer's alpha suits its activation, else why not.</summary>
    public static string? AlphaProblem(Activation activation, float alpha) => activation switch
    {
        Activation.LeakyRelu when !(alpha >= 0f && alpha < 1f) => $"LeakyRelu needs a slope in [0, 1), not {Text(alpha)}",
        Activation.Elu when !(alpha > 0f && !float.IsInfinity(alpha)) => $"Elu needs a finite alpha above 0, not {Text(alpha)}",
        Activation.LeakyRelu or Activation.Elu => null,
        _ when alpha != 0f => $"{activation} has no alpha, but it is {Text(alpha)}",
        _ => null,
    };

    /// <summary>Null if the rate is a probability of dropping in [0, 1), else why not.</summary>
    public static string? DropoutProblem(float rate) =>
        rate >= 0f && rate < 1f ? null : $"a dropout rate must be in [0, 1), not {Text(rate)}";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first rule the architecture breaks.</summary>
    public static void Check(NetworkArchitecture architecture, string parameter)
    {
        if (Problem(architecture) is { } problem) throw new ArgumentException(problem, parameter);
    }

    /// <summary>The first rule the architecture breaks, as a sentence; null if it breaks none.</summary>
    public static string? Problem(NetworkArchitecture architecture)
    {
        int last = architecture.Layers.Count - 1;
        for (int l = 0; l <= last; l++)
        {
            LayerInfo layer = architecture.Layers[l];
            if (layer.Activation == Activation.Softmax && l < last)
                return $"Layer {l} is a hidden layer with Softmax; Softmax belongs on the output layer only.";
            if (AlphaProblem(layer.Activation, layer.Alpha) is { } alpha) return $"Layer {l}: {alpha}.";
            if (DropoutProblem(layer.DropoutRate) is { } dropout) return $"Layer {l}: {dropout}.";
            if (l == last && layer.DropoutRate != 0f)
                return $"The output layer has dropout {Text(layer.DropoutRate)}; dropout applies to hidden layers only.";
        }

        if (!Enum.IsDefined(typeof(Loss), architecture.Loss)) return $"The loss {(int)architecture.Loss} is not a defined Loss.";
        Activation output = architecture.Layers[last].Activation;
        string? needed = architecture.Loss switch
        {
            Loss.BinaryCrossEntropy when output != Activation.Sigmoid => "Sigmoid",
            Loss.CategoricalCrossEntropy when output != Activation.Softmax => "Softmax",
            _ => null,
        };
        return needed is null ? null : $"The loss is {architecture.Loss}, which needs a {needed} output layer, but the output layer is {output}.";
    }

    private static string Text(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
