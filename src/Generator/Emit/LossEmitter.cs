using NetGen.Generator.Emit.Layers;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Plan;

namespace NetGen.Generator.Emit;

/// <summary>
/// Writes <c>OutputGradient</c>: the example's loss and the fused dL/dZ of the output layer, computed stably
/// (log-sum-exp for Softmax with cross-entropy, the logits form for Sigmoid with binary cross-entropy).
/// </summary>
internal static class LossEmitter
{
    public const string MethodName = "OutputGradient";

    public static void Emit(SourceWriter w, NetworkModel model)
    {
        DenseStage output = model.Stages()[model.Stages().Count - 1];
        int units = output.Units;
        w.WriteLine($"/// <summary>The example's {model.Loss} loss, and dL/dZ of the output layer into <paramref name=\"delta\"/>.</summary>");
        using (w.OpenBlock($"public static float {MethodName}({TypeNames.ReadOnlySpan} logits, {TypeNames.ReadOnlySpan} prediction, {TypeNames.ReadOnlySpan} target, {TypeNames.Span} delta)"))
        {
            foreach (string name in new[] { "logits", "prediction", "target" })
                w.WriteLine($"{name} = {name}.Slice(0, {units});");
            w.WriteLine($"delta = delta.Slice(0, {units});");
            switch (model.Loss)
            {
                case Loss.CategoricalCrossEntropy:
                    EmitCategoricalCrossEntropy(w, units);
                    break;
                case Loss.BinaryCrossEntropy:
                    EmitBinaryCrossEntropy(w, units);
                    break;
                default:
                    EmitMeanSquaredError(w, output);
                    break;
            }
        }

        w.WriteLine();
    }

    private static void EmitCategoricalCrossEntropy(SourceWriter w, int units)
    {
        w.WriteLine("// -sum y ln softmax(z) = sum y (logsumexp(z) - z): finite even when a probability underflows to 0.");
        w.WriteLine("float max = logits[0];");
        w.WriteLine($"for (int i = 1; i < {units}; i++) max = {TypeNames.MathF}.Max(max, logits[i]);");
        w.WriteLine("float sumExp = 0f;");
        w.WriteLine($"for (int i = 0; i < {units}; i++) sumExp += {TypeNames.MathF}.Exp(logits[i] - max);");
        w.WriteLine($"float logSumExp = max + {TypeNames.MathF}.Log(sumExp);");
        w.WriteLine("float loss = 0f, targetSum = 0f;");
        using (w.OpenBlock($"for (int i = 0; i < {units}; i++)"))
        {
            w.WriteLine("float y = target[i];");
            w.WriteLine("targetSum += y;");
            w.WriteLine("if (y != 0f) loss += y * (logSumExp - logits[i]);");
        }

        w.WriteLine("// dL/dz = yhat * sum(y) - y: the familiar yhat - y when the target sums to 1, and exact when it does not.");
        w.WriteLine($"for (int i = 0; i < {units}; i++) delta[i] = prediction[i] * targetSum - target[i];");
        w.WriteLine("return loss;");
    }

    private static void EmitBinaryCrossEntropy(SourceWriter w, int units)
    {
        w.WriteLine("float loss = 0f;");
        using (w.OpenBlock($"for (int i = 0; i < {units}; i++)"))
        {
            w.WriteLine("float z = logits[i], y = target[i];");
            w.WriteLine("// The logits form max(z, 0) - z y + ln(1 + e^-|z|) equals -[y ln yhat + (1 - y) ln(1 - yhat)] and never takes ln 0.");
            w.WriteLine($"loss += {TypeNames.MathF}.Max(z, 0f) - z * y + {TypeNames.MathF}.Log(1f + {TypeNames.MathF}.Exp(-{TypeNames.MathF}.Abs(z)));");
            w.WriteLine("// Sigmoid's derivative cancels the loss's 1 / (yhat (1 - yhat)): no division by yhat.");
            w.WriteLine("delta[i] = prediction[i] - y;");
        }

        w.WriteLine("return loss;");
    }

    private static void EmitMeanSquaredError(SourceWriter w, DenseStage output)
    {
        int units = output.Units;
        w.WriteLine("float loss = 0f;");
        using (w.OpenBlock($"for (int i = 0; i < {units}; i++)"))
        {
            w.WriteLine("float difference = prediction[i] - target[i];");
            w.WriteLine("loss += 0.5f * difference * difference;");
            w.WriteLine("delta[i] = difference;");
        }

        if (output.Activation == Activation.Softmax)
        {
            w.WriteLine("// Softmax couples its outputs: dL/dz_i = s_i (dL/ds_i - sum_j dL/ds_j s_j).");
            w.WriteLine("float weighted = 0f;");
            w.WriteLine($"for (int i = 0; i < {units}; i++) weighted += delta[i] * prediction[i];");
            w.WriteLine($"for (int i = 0; i < {units}; i++) delta[i] = prediction[i] * (delta[i] - weighted);");
        }
        else if (ActivationKernelEmitter.HasElementwiseDerivative(output.Activation))
        {
            w.WriteLine($"{LayerNames.ActivationGradient(output)}(prediction, delta);");
        }

        w.WriteLine("return loss;");
    }
}
