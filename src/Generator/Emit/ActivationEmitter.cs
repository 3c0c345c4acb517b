using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>Writes each layer's activation, in place, and its derivative expressed through the activation's output.</summary>
/// <remarks>
/// The derivative is taken from <c>a = g(z)</c> rather than <c>z</c> so the training pass keeps one buffer per layer:
/// sigmoid <c>a(1 - a)</c>, tanh <c>1 - a^2</c>, Relu and LeakyRelu by the sign of <c>a</c> (alpha is non-negative, so
/// <c>a &gt; 0</c> exactly when <c>z &gt; 0</c>), Elu <c>alpha e^z = a + alpha</c> and Selu <c>lambda alpha e^z = a + lambda alpha</c>
/// for <c>z &lt;= 0</c>.
/// </remarks>
internal static class ActivationEmitter
{
    private const double SeluLambda = 1.0507009873554804934193349852946;
    private const double SeluAlpha = 1.6732632423543772848170429916717;

    private static string Lambda => Literals.Float((float)SeluLambda);

    private static string LambdaAlpha => Literals.Float((float)(SeluLambda * SeluAlpha));

    /// <summary>Whether the layer's activation changes its input (Identity needs no method at all).</summary>
    public static bool HasActivation(LayerModel layer) => layer.Activation != ActivationKind.Identity;

    /// <summary>Whether training multiplies deltas by an elementwise derivative (not Identity, not Softmax).</summary>
    public static bool HasElementwiseDerivative(LayerModel layer) =>
        layer.Activation is not (ActivationKind.Identity or ActivationKind.Softmax);

    public static void EmitActivate(IndentedTextWriter w, LayerModel layer)
    {
        if (!HasActivation(layer)) return;
        w.WriteLine($"/// <summary>Layer {layer.Index}'s activation, {layer.Activation}, applied in place.</summary>");
        using (w.OpenBlock($"public static void {LayerNames.Activate(layer)}({TypeNames.Span} values)"))
        {
            w.WriteLine($"values = values.Slice(0, {layer.Units});");
            if (layer.Activation == ActivationKind.Softmax)
            {
                EmitSoftmax(w, layer.Units);
                return;
            }

            if (layer.Activation == ActivationKind.Tanh)
            {
                w.WriteLine("// Vectorised rational tanh: a MathF.Tanh call per unit would cost more than the layer's dot products.");
                w.WriteLine($"{TypeNames.ActivationKernels}.Tanh(values);");
                return;
            }

            using (w.OpenBlock($"for (int i = 0; i < {layer.Units}; i++)"))
            {
                w.WriteLine("float z = values[i];");
                w.WriteLine($"values[i] = {Expression(layer)};");
            }
        }

        w.WriteLine();
    }

    public static void EmitDerivative(IndentedTextWriter w, LayerModel layer)
    {
        if (!HasElementwiseDerivative(layer)) return;
        w.WriteLine($"/// <summary>Turns dL/dA into dL/dZ for layer {layer.Index} ({layer.Activation}), from the activations <c>a = g(z)</c>.</summary>");
        using (w.OpenBlock($"public static void {LayerNames.ActivationGradient(layer)}({TypeNames.ReadOnlySpan} activations, {TypeNames.Span} deltas)"))
        {
            w.WriteLine($"activations = activations.Slice(0, {layer.Units});");
            w.WriteLine($"deltas = deltas.Slice(0, {layer.Units});");
            using (w.OpenBlock($"for (int i = 0; i < {layer.Units}; i++)"))
            {
                w.WriteLine("float a = activations[i];");
                w.WriteLine($"deltas[i] = {DerivativeExpression(layer, "deltas[i]")};");
            }
        }

        w.WriteLine();
    }

    private static void EmitSoftmax(IndentedTextWriter w, int units)
    {
        w.WriteLine("// Shifting by the largest logit keeps every exponent at most 0, so nothing overflows.");
        w.WriteLine("float max = values[0];");
        w.WriteLine($"for (int i = 1; i < {units}; i++) max = {TypeNames.MathF}.Max(max, values[i]);");
        w.WriteLine("float sum = 0f;");
        using (w.OpenBlock($"for (int i = 0; i < {units}; i++)"))
        {
            w.WriteLine($"float e = {TypeNames.MathF}.Exp(values[i] - max);");
            w.WriteLine("values[i] = e;");
            w.WriteLine("sum += e;");
        }

        w.WriteLine($"for (int i = 0; i < {units}; i++) values[i] /= sum;");
    }

    /// <summary>g(z) for an elementwise activation, reading the local <c>z</c>.</summary>
    private static string Expression(LayerModel layer)
    {
        string alpha = Literals.Float(layer.Alpha);
        return layer.Activation switch
        {
            ActivationKind.Sigmoid => $"1f / (1f + {TypeNames.MathF}.Exp(-z))",
            ActivationKind.Relu => "z > 0f ? z : 0f",
            ActivationKind.LeakyRelu => $"z > 0f ? z : {alpha} * z",
            ActivationKind.Elu => $"z > 0f ? z : {alpha} * ({TypeNames.MathF}.Exp(z) - 1f)",
            ActivationKind.Selu => $"z > 0f ? {Lambda} * z : {LambdaAlpha} * ({TypeNames.MathF}.Exp(z) - 1f)",
            _ => "z",
        };
    }

    /// <summary><c>delta * g'(z)</c> written through the local <c>a = g(z)</c>.</summary>
    private static string DerivativeExpression(LayerModel layer, string delta)
    {
        string alpha = Literals.Float(layer.Alpha);
        return layer.Activation switch
        {
            ActivationKind.Sigmoid => $"{delta} * a * (1f - a)",
            ActivationKind.Tanh => $"{delta} * (1f - a * a)",
            ActivationKind.Relu => $"a > 0f ? {delta} : 0f",
            ActivationKind.LeakyRelu => $"a > 0f ? {delta} : {delta} * {alpha}",
            ActivationKind.Elu => $"a > 0f ? {delta} : {delta} * (a + {alpha})",
            ActivationKind.Selu => $"a > 0f ? {delta} * {Lambda} : {delta} * (a + {LambdaAlpha})",
            _ => delta,
        };
    }
}
