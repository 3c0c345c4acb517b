using System.Collections.Generic;
using System.Text;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Plan;

namespace NetGen.Generator.Emit.Layers;

/// <summary>
/// Writes each layer's <c>z = W x + b</c> as its <see cref="LayerPlan"/> says: straight-line code for tiny layers; for
/// the rest the explicit-width .NET 8+ kernels of <see cref="WidthKernelEmitter"/> (512, 256, 128 bits, widest first,
/// under <c>#if NET8_0_OR_GREATER</c>), then a <c>Vector&lt;float&gt;</c> kernel for netstandard2.1 consumers that works
/// on <see cref="KernelPlan.PortableRowBlock"/> weight rows at once (each input vector is loaded once and reused for all
/// of them), then a plain scalar loop for runtimes without SIMD. The JIT folds the <c>IsHardwareAccelerated</c> tests,
/// so only one path survives in the machine code.
/// </summary>
internal static class LinearEmitter
{
    public static void Emit(SourceWriter w, LayerPlan plan)
    {
        DenseStage layer = plan.Layer;
        // A fused layer's per-example passes all call LinearActivate, and its batched passes call BatchKernels, so it
        // gets no plain Linear method.
        string name = plan.FusesActivation ? LayerNames.LinearActivate(layer.Index) : LayerNames.Linear(layer);
        string formula = plan.FusesActivation ? $"<c>a = {layer.Activation}(W x + b)</c>" : "<c>z = W x + b</c>";
        w.WriteLine($"/// <summary>Layer {layer.Index}, {LayerNames.Describe(layer)}: {formula}.</summary>");
        w.WriteLine($"/// <remarks>Plan: {Xml.Escape(plan.Reason)}</remarks>");
        using (w.OpenBlock($"public static void {name}({TypeNames.ReadOnlySpan} parameters, {TypeNames.ReadOnlySpan} x, {TypeNames.Span} z)"))
        {
            WriteSlices(w, layer);
            switch (plan.Forward)
            {
                case ForwardStrategy.StraightLine:
                    EmitUnrolled(w, layer);
                    break;
                case ForwardStrategy.Vectorised:
                    WidthKernelEmitter.EmitForward(w, plan);
                    using (w.OpenBlock($"if ({TypeNames.VectorStatics}.IsHardwareAccelerated)")) EmitVectorised(w, layer);
                    using (w.OpenBlock("else")) EmitScalar(w, layer);
                    if (plan.FusesActivation) w.WriteLine($"{LayerNames.Activate(layer.Index)}(z);");
                    break;
            }
        }

        w.WriteLine();
    }

    /// <summary>Slices with constant lengths: one check each up front, and the JIT learns every bound it needs.</summary>
    internal static void WriteSlices(SourceWriter w, DenseStage layer)
    {
        w.WriteLine($"const int Inputs = {layer.Inputs}, Units = {layer.Units};");
        w.WriteLine($"{TypeNames.ReadOnlySpan} weights = parameters.Slice({layer.ParameterOffset}, Units * Inputs);");
        w.WriteLine($"{TypeNames.ReadOnlySpan} biases = parameters.Slice({layer.BiasOffset}, Units);");
        w.WriteLine("x = x.Slice(0, Inputs);");
    }

    private static void EmitUnrolled(SourceWriter w, DenseStage layer)
    {
        w.WriteLine("z = z.Slice(0, Units);");
        for (int unit = 0; unit < layer.Units; unit++)
        {
            var line = new StringBuilder($"z[{unit}] = biases[{unit}]");
            for (int i = 0; i < layer.Inputs; i++)
                line.Append($" + weights[{unit * layer.Inputs + i}] * x[{i}]");
            w.WriteLine(line.Append(';').ToString());
        }
    }

    private static void EmitVectorised(SourceWriter w, DenseStage layer)
    {
        int blockEnd = layer.Units - layer.Units % KernelPlan.PortableRowBlock;
        w.WriteLine($"{TypeNames.ReadOnlyVectorSpan} inputVectors = {TypeNames.CastToVectors("x")};");
        w.WriteLine($"int tail = inputVectors.Length * {TypeNames.Vector}.Count;");
        if (blockEnd > 0)
        {
            using (w.OpenBlock($"for (int unit = 0; unit < {blockEnd}; unit += {KernelPlan.PortableRowBlock})"))
                EmitRowBlock(w, KernelPlan.PortableRowBlock);
        }

        if (blockEnd < layer.Units)
        {
            using (w.OpenBlock($"for (int unit = {blockEnd}; unit < Units; unit++)"))
                EmitRowBlock(w, 1);
        }
    }

    private static void EmitRowBlock(SourceWriter w, int rows)
    {
        IEnumerable<int> r = Range(rows);
        foreach (int i in r)
            w.WriteLine($"{TypeNames.ReadOnlyVectorSpan} row{i} = {TypeNames.CastToVectors($"weights.Slice({Unit(i)} * Inputs, Inputs)")};");
        foreach (int i in r)
            w.WriteLine($"{TypeNames.Vector} sum{i} = {TypeNames.Vector}.Zero;");
        using (w.OpenBlock("for (int k = 0; k < inputVectors.Length; k++)"))
        {
            w.WriteLine($"{TypeNames.Vector} input = inputVectors[k];");
            foreach (int i in r) w.WriteLine($"sum{i} += row{i}[k] * input;");
        }

        foreach (int i in r)
            w.WriteLine($"float z{i} = {TypeNames.VectorStatics}.Dot(sum{i}, {TypeNames.Vector}.One) + biases[{Unit(i)}];");
        using (w.OpenBlock("for (int i = tail; i < Inputs; i++)"))
        {
            w.WriteLine("float input = x[i];");
            foreach (int i in r) w.WriteLine($"z{i} += weights[{Unit(i)} * Inputs + i] * input;");
        }

        foreach (int i in r) w.WriteLine($"z[{Unit(i)}] = z{i};");
    }

    private static void EmitScalar(SourceWriter w, DenseStage layer)
    {
        using (w.OpenBlock("for (int unit = 0; unit < Units; unit++)"))
        {
            w.WriteLine($"{TypeNames.ReadOnlySpan} row = weights.Slice(unit * Inputs, Inputs);");
            w.WriteLine("float sum = biases[unit];");
            w.WriteLine("for (int i = 0; i < Inputs; i++) sum += row[i] * x[i];");
            w.WriteLine("z[unit] = sum;");
        }
    }

    private static string Unit(int offset) => offset == 0 ? "unit" : $"(unit + {offset})";

    internal static IEnumerable<int> Range(int count)
    {
        var list = new List<int>(count);
        for (int i = 0; i < count; i++) list.Add(i);
        return list;
    }
}
