using NetGen.Generator.Helpers;
using NetGen.Generator.Model.Layers;

namespace NetGen.Generator.Emit.Layers;

/// <summary>Writes each layer's activation, in place, and its derivative expressed through the activation's output.</summary>
/// <remarks>
/// The derivative is taken from <c>a = g(z)</c> rather than <c>z</c> so the training pass keeps one buffer per layer:
/// sigmoid <c>a(1 - a)</c>, tanh <c>1 - a^2</c>, Relu and LeakyRelu by the sign of <c>a</c> (alpha is non-negative, so
/// <c>a &gt; 0</c> exactly when <c>z &gt; 0</c>), Elu <c>alpha e^z = a + alpha</c> and Selu <c>lambda alpha e^z = a + lambda alpha</c>
/// for <c>z &lt;= 0</c>.
/// </remarks>
internal static class ActivationKernelEmitter
{
    private const double SeluLambda = 1.0507009873554804934193349852946;
    private const double SeluAlpha = 1.6732632423543772848170429916717;

    private static string Lambda => Literals.Float((float)SeluLambda);

    private static string LambdaAlpha => Literals.Float((float)(SeluLambda * SeluAlpha));

    /// <summary>Whether training multiplies deltas by an elementwise derivative (not Identity, not Softmax).</summary>
    public static bool HasElementwiseDerivative(Activation activation) =>
        activation is not (Activation.Identity or Activation.Softmax);

    public static void EmitActivate(SourceWriter w, ActivationNode layer)
    {
        w.WriteLine($"/// <summary>Layer {layer.Layer}'s activation, {layer.Activation}, applied in place.</summary>");
        using (w.OpenBlock($"public static void {LayerNames.Activate(layer)}({TypeNames.Span} values)"))
        {
            w.WriteLine($"values = values.Slice(0, {layer.Width});");
            w.WriteLine($"{TypeNames.ActivationKernels}.{KernelCall(layer)};");
        }

        w.WriteLine();
    }

    public static void EmitDerivative(SourceWriter w, ActivationNode layer)
    {
        if (!HasElementwiseDerivative(layer.Activation)) return;
        w.WriteLine($"/// <summary>Turns dL/dA into dL/dZ for layer {layer.Layer} ({layer.Activation}), from the activations <c>a = g(z)</c>.</summary>");
        using (w.OpenBlock($"public static void {LayerNames.ActivationGradient(layer)}({TypeNames.ReadOnlySpan} activations, {TypeNames.Span} deltas)"))
        {
            w.WriteLine($"activations = activations.Slice(0, {layer.Width});");
            w.WriteLine($"deltas = deltas.Slice(0, {layer.Width});");
            if (layer.Activation is Activation.Relu or Activation.LeakyRelu)
            {
                // Vectorised select: a branch per unit would mispredict on the data-dependent signs.
                string slope = layer.Activation == Activation.Relu ? "0f" : Literals.Float(layer.Alpha);
                w.WriteLine($"{TypeNames.ActivationKernels}.RectifyGradient(activations, deltas, {slope});");
            }
            else
            {
                using (w.OpenBlock($"for (int i = 0; i < {layer.Width}; i++)"))
                {
                    w.WriteLine("float a = activations[i];");
                    w.WriteLine($"deltas[i] = {DerivativeExpression(layer, "deltas[i]")};");
                }
            }
        }

        w.WriteLine();
    }

    /// <summary>
    /// The runtime kernel that applies the activation in place. Every one is vectorised (a <c>MathF.Exp</c> or
    /// <c>MathF.Tanh</c> call per unit cost more than a small layer's multiply-adds, and a branch per Relu unit
    /// mispredicts on data-dependent signs) and evaluates its scalar tail with the same formula.
    /// </summary>
    private static string KernelCall(ActivationNode layer) => Call(layer.Activation, layer.Alpha, "values");

    /// <summary>
    /// The call of the runtime's <c>SimdN</c> activation on the vector <paramref name="vector"/> (Simd256 and Simd128 have
    /// the span kernels' names and arguments), for a kernel that applies the activation to a block of outputs in
    /// registers. They compute exactly what the span kernels compute.
    /// </summary>
    public static string VectorCall(NetGen.Generator.Plan.DenseStage layer, string vector) =>
        layer.Activation == Activation.Softmax
            ? throw new System.ArgumentOutOfRangeException(nameof(layer), layer.Activation, "Only elementwise activations are applied in registers.")
            : Call(layer.Activation, layer.Alpha, vector);

    /// <summary>The runtime method that applies <paramref name="activation"/> to <paramref name="operand"/>, with its arguments.</summary>
    private static string Call(Activation activation, float alphaValue, string operand)
    {
        string alpha = Literals.Float(alphaValue);
        return activation switch
        {
            Activation.Sigmoid => $"Sigmoid({operand})",
            Activation.Tanh => $"Tanh({operand})",
            Activation.Relu => $"Rectify({operand}, 0f)",
            Activation.LeakyRelu => $"Rectify({operand}, {alpha})",
            Activation.Elu => $"ExponentialLinear({operand}, 1f, {alpha})",
            Activation.Selu => $"ExponentialLinear({operand}, {Lambda}, {LambdaAlpha})",
            Activation.Softmax => $"Softmax({operand})",
            Activation.Softsign => $"Softsign({operand})",
            _ => throw new System.ArgumentOutOfRangeException(nameof(activation), activation, "Identity has no activation method."),
        };
    }

    /// <summary><c>delta * g'(z)</c> written through the local <c>a = g(z)</c> (Relu and LeakyRelu use a runtime kernel instead).</summary>
    private static string DerivativeExpression(ActivationNode layer, string delta)
    {
        string alpha = Literals.Float(layer.Alpha);
        return layer.Activation switch
        {
            Activation.Sigmoid => $"{delta} * a * (1f - a)",
            Activation.Tanh => $"{delta} * (1f - a * a)",
            Activation.Elu => $"a > 0f ? {delta} : {delta} * (a + {alpha})",
            Activation.Selu => $"a > 0f ? {delta} * {Lambda} : {delta} * (a + {LambdaAlpha})",
            // g'(z) = 1 / (1 + |z|)^2 = (1 - |a|)^2, since |a| = |z| / (1 + |z|).
            Activation.Softsign => $"{delta} * ((1f - global::System.Math.Abs(a)) * (1f - global::System.Math.Abs(a)))",
            _ => delta,
        };
    }
}
