using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Plan;

namespace NetGen.Generator.Emit.Layers;

/// <summary>
/// Writes each layer's backward step: <c>dW += dZ x^T</c>, <c>db += dZ</c> and, except for the first layer,
/// <c>dX = W^T dZ</c>, walking the weight rows once so each row of <c>W</c> and of its gradient is touched once.
/// </summary>
internal static class BackwardEmitter
{
    public static void Emit(SourceWriter w, LayerPlan plan)
    {
        DenseStage layer = plan.Layer;
        bool inputGradient = plan.NeedsInputGradient;
        string summary = inputGradient
            ? "adds dZ x^T to the weight gradients and dZ to the bias gradients, and writes dL/dx = W^T dZ"
            : "adds dZ x^T to the weight gradients and dZ to the bias gradients (the input needs no gradient)";
        w.WriteLine($"/// <summary>Layer {layer.Index}, {LayerNames.Describe(layer)}: {summary}.</summary>");
        string dxParameter = inputGradient ? $", {TypeNames.Span} dx" : "";
        using (w.OpenBlock($"public static void {LayerNames.Backward(layer)}({TypeNames.ReadOnlySpan} parameters, {TypeNames.ReadOnlySpan} x, {TypeNames.ReadOnlySpan} dz, {TypeNames.Span} gradients{dxParameter})"))
        {
            LinearEmitter.WriteSlices(w, layer);
            w.WriteLine($"{TypeNames.Span} weightGradients = gradients.Slice({layer.ParameterOffset}, Units * Inputs);");
            w.WriteLine($"{TypeNames.Span} biasGradients = gradients.Slice({layer.BiasOffset}, Units);");
            w.WriteLine("dz = dz.Slice(0, Units);");
            if (inputGradient)
            {
                w.WriteLine("dx = dx.Slice(0, Inputs);");
                w.WriteLine("dx.Clear();");
            }

            switch (plan.Forward)
            {
                case ForwardStrategy.StraightLine:
                    EmitScalar(w, inputGradient);
                    break;
                case ForwardStrategy.Vectorised:
                    WidthKernelEmitter.EmitBackward(w, plan);
                    using (w.OpenBlock($"if ({TypeNames.VectorStatics}.IsHardwareAccelerated)")) EmitVectorised(w, inputGradient);
                    using (w.OpenBlock("else")) EmitScalar(w, inputGradient);
                    break;
            }
        }

        w.WriteLine();
    }

    private static void EmitVectorised(SourceWriter w, bool inputGradient)
    {
        w.WriteLine($"{TypeNames.ReadOnlyVectorSpan} inputVectors = {TypeNames.CastToVectors("x")};");
        if (inputGradient) w.WriteLine($"{TypeNames.VectorSpan} dxVectors = {TypeNames.CastToVectors("dx")};");
        w.WriteLine($"int tail = inputVectors.Length * {TypeNames.Vector}.Count;");
        using (w.OpenBlock("for (int unit = 0; unit < Units; unit++)"))
        {
            EmitUnitPrologue(w);
            w.WriteLine($"{TypeNames.Vector} deltaVector = new {TypeNames.Vector}(delta);");
            w.WriteLine($"{TypeNames.VectorSpan} gradientRow = {TypeNames.CastToVectors("weightGradients.Slice(unit * Inputs, Inputs)")};");
            if (inputGradient)
                w.WriteLine($"{TypeNames.ReadOnlyVectorSpan} weightRow = {TypeNames.CastToVectors("weights.Slice(unit * Inputs, Inputs)")};");
            using (w.OpenBlock("for (int k = 0; k < inputVectors.Length; k++)"))
            {
                w.WriteLine("gradientRow[k] += deltaVector * inputVectors[k];");
                if (inputGradient) w.WriteLine("dxVectors[k] += deltaVector * weightRow[k];");
            }

            using (w.OpenBlock("for (int i = tail; i < Inputs; i++)"))
                EmitScalarElement(w, inputGradient);
        }
    }

    private static void EmitScalar(SourceWriter w, bool inputGradient)
    {
        using (w.OpenBlock("for (int unit = 0; unit < Units; unit++)"))
        {
            EmitUnitPrologue(w);
            using (w.OpenBlock("for (int i = 0; i < Inputs; i++)"))
                EmitScalarElement(w, inputGradient);
        }
    }

    private static void EmitUnitPrologue(SourceWriter w)
    {
        w.WriteLine("float delta = dz[unit];");
        w.WriteLine("biasGradients[unit] += delta;");
        w.WriteLine("// A zero delta (a Relu unit that was off, a dropped unit) adds exactly nothing: skipping it is free accuracy-wise.");
        w.WriteLine("if (delta == 0f) continue;");
    }

    private static void EmitScalarElement(SourceWriter w, bool inputGradient)
    {
        w.WriteLine("weightGradients[unit * Inputs + i] += delta * x[i];");
        if (inputGradient) w.WriteLine("dx[i] += delta * weights[unit * Inputs + i];");
    }
}
