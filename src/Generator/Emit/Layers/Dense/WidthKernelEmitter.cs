using System.Linq;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Plan;

namespace NetGen.Generator.Emit.Layers;

/// <summary>
/// Writes the .NET 8+ per-example kernels of one Dense layer at one explicit <see cref="VectorWidth"/>, inside
/// <c>#if NET8_0_OR_GREATER</c>: the same code for 512, 256 and 128 bits, parameterised by the width. Loads go through
/// <c>ref</c> arithmetic inside slices whose lengths were checked once, so there are no per-element bounds checks.
/// </summary>
/// <remarks>
/// Forward is row-blocked dot products (<see cref="RowOrder.Blocked"/>, or one row at a time for layers whose weights
/// stream from L2, <see cref="RowOrder.Streamed"/>): <see cref="KernelPlan.RowBlock"/> weight rows at once, each with its own
/// accumulator (enough independent chains to hide the FMA latency), and one transpose-add (<c>SimdN.Sums</c>) that turns
/// the block's accumulators into its outputs with a single vector store. Broadcasting each input against weight
/// columns would avoid the reductions, but the public <c>Parameters</c> layout is row-major <c>[out, in]</c>, so it
/// would need a transposed copy of the weights that <c>Parameters</c> writes, <c>Load</c> and optimizer steps could
/// leave stale; rows are read contiguously as they are stored instead.
/// </remarks>
internal static class WidthKernelEmitter
{
    /// <summary>Every explicit width the plan allows for the layer, widest first, each returning when its vectors are accelerated.</summary>
    public static void EmitForward(SourceWriter w, LayerPlan plan) => EmitPerWidth(w, plan, plan.Widths, EmitForwardBody);

    /// <summary>The backward step at every explicit width the plan allows, widest first.</summary>
    public static void EmitBackward(SourceWriter w, LayerPlan plan) => EmitPerWidth(w, plan, plan.BackwardWidths, EmitBackwardBody);

    /// <summary>
    /// <c>if (VectorN.IsHardwareAccelerated) { body; return; }</c> for each width, under <c>#if NET8_0_OR_GREATER</c>.
    /// The tests are JIT-time constants, so the first accelerated width is the only code left.
    /// </summary>
    private static void EmitPerWidth(SourceWriter w, LayerPlan plan, System.Collections.Generic.IReadOnlyList<VectorWidth> widths,
        System.Action<SourceWriter, LayerPlan, VectorWidth> body)
    {
        if (widths.Count == 0) return;
        w.WriteDirective($"#if {TypeNames.Net8Symbol}");
        foreach (VectorWidth width in widths)
        {
            using (w.OpenBlock($"if ({width.Statics}.IsHardwareAccelerated)"))
            {
                body(w, plan, width);
                w.WriteLine("return;");
            }
        }

        w.WriteDirective("#endif");
    }

    private static void EmitForwardBody(SourceWriter w, LayerPlan plan, VectorWidth width)
    {
        DenseStage layer = plan.Layer;
        bool inRegisters = plan.FusesActivationInRegisters(width);
        switch (plan.RowOrder)
        {
            case RowOrder.Blocked:
                EmitForwardBlocks(w, plan, width, inRegisters ? vector => ActivationKernelEmitter.VectorCall(layer, vector) : null);
                break;
            case RowOrder.Streamed:
                EmitForwardStreamed(w, plan, width);
                break;
        }

        if (plan.FusesActivation && !inRegisters) w.WriteLine($"{LayerNames.Activate(layer.Index)}(z);");
    }

    private static void EmitForwardBlocks(SourceWriter w, LayerPlan plan, VectorWidth width, System.Func<string, string>? activation)
    {
        DenseStage layer = plan.Layer;
        int lanes = width.Lanes;
        int vectors = layer.Inputs / lanes;
        bool hoisted = plan.HoldsInputsInRegisters(width);
        int block = KernelPlan.RowBlock, half = block / 2;
        int endBlock = layer.Units - layer.Units % block;
        int endHalf = endBlock + (layer.Units - endBlock) / half * half;

        w.WriteLine("z = z.Slice(0, Units);");
        w.WriteLine($"ref float weight = {TypeNames.RefTo("weights")};");
        w.WriteLine($"ref float bias = {TypeNames.RefTo("biases")};");
        w.WriteLine($"ref float source = {TypeNames.RefTo("x")};");
        w.WriteLine($"ref float target = {TypeNames.RefTo("z")};");
        if (hoisted)
        {
            for (int v = 0; v < vectors; v++)
                w.WriteLine($"{width.Vector} x{v} = {width.Load("source", (v * lanes).ToString())};");
        }

        if (endBlock > 0)
        {
            using (w.OpenBlock($"for (int unit = 0; unit < {endBlock}; unit += {block})"))
                EmitRows(w, layer, width, block, hoisted, activation);
        }

        if (endHalf > endBlock)
        {
            using (w.OpenBlock())
            {
                w.WriteLine($"const int unit = {endBlock};");
                EmitRows(w, layer, width, half, hoisted, activation);
            }
        }

        if (layer.Units > endHalf)
        {
            using (w.OpenBlock($"for (int unit = {endHalf}; unit < Units; unit++)"))
                EmitRows(w, layer, width, 1, hoisted, null);
        }
    }

    /// <summary>
    /// One row at a time, <see cref="KernelPlan.StreamedAccumulators"/> accumulators over consecutive input vectors, one
    /// horizontal sum per output: the weights are read in storage order, a single stream from L2.
    /// </summary>
    private static void EmitForwardStreamed(SourceWriter w, LayerPlan plan, VectorWidth width)
    {
        DenseStage layer = plan.Layer;
        int lanes = width.Lanes, accumulators = KernelPlan.StreamedAccumulators;
        int vectors = layer.Inputs / lanes, fullEnd = vectors * lanes;
        int step = accumulators * lanes, unrolledEnd = vectors / accumulators * step;
        string Sum(int a) => $"sum{a}";

        w.WriteLine("z = z.Slice(0, Units);");
        w.WriteLine($"ref float weight = {TypeNames.RefTo("weights")};");
        w.WriteLine($"ref float source = {TypeNames.RefTo("x")};");
        w.WriteLine($"ref float target = {TypeNames.RefTo("z")};");
        w.WriteLine("// One weight row after another: the weights come from L2 as a single sequential stream.");
        using (w.OpenBlock("for (int unit = 0; unit < Units; unit++)"))
        {
            w.WriteLine($"ref float row = ref {TypeNames.Unsafe}.Add(ref weight, unit * Inputs);");
            for (int a = 0; a < accumulators; a++) w.WriteLine($"{width.Vector} {Sum(a)} = {width.Vector}.Zero;");
            using (w.OpenBlock($"for (int k = 0; k < {unrolledEnd}; k += {step})"))
            {
                for (int a = 0; a < accumulators; a++)
                {
                    string k = a == 0 ? "k" : $"k + {a * lanes}";
                    w.WriteLine($"{Sum(a)} = {width.MultiplyAdd(width.Load("row", k), width.Load("source", k), Sum(a))};");
                }
            }

            for (int k = unrolledEnd, a = 0; k < fullEnd; k += lanes, a++)
                w.WriteLine($"{Sum(a)} = {width.MultiplyAdd(width.Load("row", k.ToString()), width.Load("source", k.ToString()), Sum(a))};");
            w.WriteLine($"float total = {width.Statics}.Sum({PairwiseSum(Enumerable.Range(0, accumulators).Select(Sum).ToList())}) + biases[unit];");
            if (fullEnd < layer.Inputs)
                w.WriteLine($"for (int i = {fullEnd}; i < Inputs; i++) total += {TypeNames.Unsafe}.Add(ref row, i) * {TypeNames.Unsafe}.Add(ref source, i);");
            w.WriteLine($"{TypeNames.Unsafe}.Add(ref target, unit) = total;");
        }
    }

    /// <summary><c>(a + b) + (c + d)</c>: a balanced tree, so the additions of independent pairs overlap.</summary>
    private static string PairwiseSum(System.Collections.Generic.IReadOnlyList<string> terms)
    {
        if (terms.Count == 1) return terms[0];
        int half = (terms.Count + 1) / 2;
        string Group(System.Collections.Generic.IReadOnlyList<string> part) => part.Count == 1 ? part[0] : $"({PairwiseSum(part)})";
        return $"{Group(terms.Take(half).ToList())} + {Group(terms.Skip(half).ToList())}";
    }

    private static void EmitRows(SourceWriter w, DenseStage layer, VectorWidth width, int rows, bool hoisted, System.Func<string, string>? activation)
    {
        int inputs = layer.Inputs, lanes = width.Lanes, vectors = inputs / lanes, fullEnd = vectors * lanes;
        w.WriteLine($"ref float row = ref {TypeNames.Unsafe}.Add(ref weight, unit * Inputs);");
        if (hoisted)
        {
            for (int r = 0; r < rows; r++)
            {
                w.WriteLine($"{width.Vector} sum{r} = {width.Load("row", (r * inputs).ToString())} * x0;");
                for (int v = 1; v < vectors; v++)
                    w.WriteLine($"sum{r} = {width.MultiplyAdd(width.Load("row", (r * inputs + v * lanes).ToString()), $"x{v}", $"sum{r}")};");
            }
        }
        else
        {
            for (int r = 0; r < rows; r++) w.WriteLine($"{width.Vector} sum{r} = {width.Vector}.Zero;");
            using (w.OpenBlock($"for (int k = 0; k < {fullEnd}; k += {lanes})"))
            {
                w.WriteLine($"{width.Vector} input = {width.Load("source", "k")};");
                for (int r = 0; r < rows; r++)
                    w.WriteLine($"sum{r} = {width.MultiplyAdd(width.Load("row", r == 0 ? "k" : $"k + {r * inputs}"), "input", $"sum{r}")};");
            }
        }

        EmitReduction(w, width, rows, activation);

        if (fullEnd < inputs)
        {
            using (w.OpenBlock($"for (int i = {fullEnd}; i < Inputs; i++)"))
            {
                w.WriteLine($"float input = {TypeNames.Unsafe}.Add(ref source, i);");
                for (int r = 0; r < rows; r++)
                {
                    string unit = r == 0 ? "unit" : $"unit + {r}";
                    string element = r == 0 ? "i" : $"{r * inputs} + i";
                    w.WriteLine($"{TypeNames.Unsafe}.Add(ref target, {unit}) += {TypeNames.Unsafe}.Add(ref row, {element}) * input;");
                }
            }
        }
    }

    /// <summary>The block's accumulators reduced to its outputs plus biases: eight at once where the width has that transpose-add, else four at a time.</summary>
    private static void EmitReduction(SourceWriter w, VectorWidth width, int rows, System.Func<string, string>? activation)
    {
        if (rows == 1)
        {
            w.WriteLine($"{TypeNames.Unsafe}.Add(ref target, unit) = {width.Statics}.Sum(sum0) + {TypeNames.Unsafe}.Add(ref bias, unit);");
            return;
        }

        if (rows == 8 && width.ReducesEightRows)
        {
            w.WriteLine($"{TypeNames.Vector256} outputs = {width.Helper}.Sums({Sums(0, 8)}) + {VectorWidth.W256.Load("bias", "unit")};");
            if (activation is not null) w.WriteLine($"outputs = {VectorWidth.W256.Helper}.{activation("outputs")};");
            w.WriteLine(VectorWidth.W256.Store("outputs", "target", "unit"));
            return;
        }

        for (int first = 0; first < rows; first += 4)
        {
            string unit = first == 0 ? "unit" : $"unit + {first}";
            string name = $"outputs{first}";
            w.WriteLine($"{TypeNames.Vector128} {name} = {width.Helper}.Sums({Sums(first, 4)}) + {VectorWidth.W128.Load("bias", unit)};");
            if (activation is not null) w.WriteLine($"{name} = {VectorWidth.W128.Helper}.{activation(name)};");
            w.WriteLine(VectorWidth.W128.Store(name, "target", unit));
        }
    }

    private static string Sums(int first, int count) => string.Join(", ", Enumerable.Range(first, count).Select(r => $"sum{r}"));

    /// <summary>
    /// <c>dW[unit] += dz[unit] x</c> and <c>dx += dz[unit] W[unit]</c> one weight row at a time, with the delta broadcast
    /// once per row. Inputs of at most <see cref="KernelPlan.HoistedInputVectors"/> vectors stay in registers for the whole
    /// layer, and so does <c>dx</c>, which is then stored once at the end.
    /// </summary>
    private static void EmitBackwardBody(SourceWriter w, LayerPlan plan, VectorWidth width)
    {
        DenseStage layer = plan.Layer;
        bool inputGradient = plan.NeedsInputGradient;
        int lanes = width.Lanes, vectors = layer.Inputs / lanes, fullEnd = vectors * lanes;
        bool hoisted = plan.HoldsInputsInRegisters(width);
        if (inputGradient) w.WriteLine($"ref float weight = {TypeNames.RefTo("weights")};");
        w.WriteLine($"ref float gradient = {TypeNames.RefTo("weightGradients")};");
        w.WriteLine($"ref float source = {TypeNames.RefTo("x")};");
        if (inputGradient) w.WriteLine($"ref float inputGradient = {TypeNames.RefTo("dx")};");
        if (hoisted)
        {
            for (int v = 0; v < vectors; v++)
            {
                w.WriteLine($"{width.Vector} x{v} = {width.Load("source", (v * lanes).ToString())};");
                if (inputGradient) w.WriteLine($"{width.Vector} dx{v} = {width.Vector}.Zero;");
            }
        }

        using (w.OpenBlock("for (int unit = 0; unit < Units; unit++)"))
        {
            w.WriteLine("float delta = dz[unit];");
            w.WriteLine("biasGradients[unit] += delta;");
            w.WriteLine("// A zero delta (a Relu unit that was off, a dropped unit) adds exactly nothing: skipping it is free accuracy-wise.");
            w.WriteLine("if (delta == 0f) continue;");
            w.WriteLine($"{width.Vector} deltaVector = {width.Statics}.Create(delta);");
            w.WriteLine($"ref float gradientRow = ref {TypeNames.Unsafe}.Add(ref gradient, unit * Inputs);");
            if (inputGradient) w.WriteLine($"ref float weightRow = ref {TypeNames.Unsafe}.Add(ref weight, unit * Inputs);");
            if (hoisted)
            {
                for (int v = 0; v < vectors; v++)
                {
                    string k = (v * lanes).ToString();
                    w.WriteLine(width.Store(width.MultiplyAdd("deltaVector", $"x{v}", width.Load("gradientRow", k)), "gradientRow", k));
                    if (inputGradient) w.WriteLine($"dx{v} = {width.MultiplyAdd("deltaVector", width.Load("weightRow", k), $"dx{v}")};");
                }
            }
            else
            {
                using (w.OpenBlock($"for (int k = 0; k < {fullEnd}; k += {lanes})"))
                {
                    w.WriteLine(width.Store(width.MultiplyAdd("deltaVector", width.Load("source", "k"), width.Load("gradientRow", "k")), "gradientRow", "k"));
                    if (inputGradient)
                    {
                        string update = width.MultiplyAdd("deltaVector", width.Load("weightRow", "k"), width.Load("inputGradient", "k"));
                        w.WriteLine(width.Store(update, "inputGradient", "k"));
                    }
                }
            }

            if (fullEnd < layer.Inputs)
            {
                using (w.OpenBlock($"for (int i = {fullEnd}; i < Inputs; i++)"))
                {
                    w.WriteLine($"{TypeNames.Unsafe}.Add(ref gradientRow, i) += delta * {TypeNames.Unsafe}.Add(ref source, i);");
                    if (inputGradient)
                        w.WriteLine($"{TypeNames.Unsafe}.Add(ref inputGradient, i) += delta * {TypeNames.Unsafe}.Add(ref weightRow, i);");
                }
            }
        }

        if (hoisted && inputGradient)
        {
            for (int v = 0; v < vectors; v++)
                w.WriteLine(width.Store($"dx{v}", "inputGradient", (v * lanes).ToString()));
        }
    }
}
