using System.Linq;
using NetGen.Generator.Helpers;
using NetGen.Generator.Emit.Layers;
using NetGen.Generator.Model;
using NetGen.Generator.Model.Layers;
using NetGen.Generator.Plan;

namespace NetGen.Generator.Emit;

/// <summary>
/// Writes <c>TrainBatch</c>, the .NET 8+ training pass over a block of examples at once (inside
/// <c>#if NET8_0_OR_GREATER</c>): the same forward, loss and backward steps as <c>Train</c>, but each layer's matrix work
/// is one call into <c>NetGen.Kernels.BatchKernels</c> for the whole block, so weights and weight gradients
/// stream through the cache once per block instead of once per example. Every per-example buffer of the training
/// layout becomes <see cref="Block"/> rows, example after example.
/// </summary>
internal static class BatchPassEmitter
{
    public const string Name = "TrainBatch";

    public const string InferName = "InferBatch";

    /// <summary>Examples per block (<see cref="KernelPlan.BatchBlock"/>).</summary>
    private const int Block = KernelPlan.BatchBlock;

    /// <summary>
    /// Writes <c>InferBatch</c>, what <c>ForwardBatch</c> runs on .NET 8+ when <see cref="KernelPlan.BatchesInference"/>: <c>Infer</c>
    /// over blocks of <see cref="KernelPlan.BatchBlock"/> examples, a layer at a time for the whole block. Blocked layers are one
    /// <c>BatchKernels.Linear</c> call (the weights stream through the cache once per block, not once per example), the
    /// others their per-example kernel on each row; then the activation row by row. The hidden activations are block
    /// rows of the inference layout; the output layer writes straight into the caller's rows.
    /// </summary>
    public static void EmitInfer(SourceWriter w, KernelPlan plan)
    {
        if (!plan.BatchesInference) return;
        NetworkModel model = plan.Model;
        w.WriteDirective($"#if {TypeNames.Net8Symbol}");
        w.WriteLine($"/// <summary>As <see cref=\"{PassEmitter.InferName}\"/> for <paramref name=\"count\"/> examples, {Block} at a time with batched matrix kernels.</summary>");
        using (w.OpenBlock($"public static void {InferName}({TypeNames.ReadOnlySpan} parameters, {TypeNames.ReadOnlySpan} inputs, {TypeNames.Span} outputs, int count, {TypeNames.Span} scratch)"))
        {
            using (w.OpenBlock($"for (int first = 0; first < count; first += {Block})"))
            {
                w.WriteLine($"int n = global::System.Math.Min({Block}, count - first);");
                w.WriteLine($"{TypeNames.ReadOnlySpan} input = inputs.Slice(first * {model.InputSize}, n * {model.InputSize});");
                w.WriteLine($"{TypeNames.Span} output = outputs.Slice(first * {model.OutputSize}, n * {model.OutputSize});");
                var context = new PassContext(plan, PassKind.InferBatch);
                string current = "input";
                foreach (LayerNode node in model.Nodes) current = LayerEmitters.For(node).EmitBatchForward(w, context, node, current);
            }
        }

        w.WriteDirective("#endif");
        w.WriteLine();
    }

    public static void Emit(SourceWriter w, KernelPlan plan)
    {
        NetworkModel model = plan.Model;
        ScratchLayout layout = plan.Training;
        int last = plan.Layers.Count - 1;
        int outputs = model.OutputSize;
        w.WriteDirective($"#if {TypeNames.Net8Symbol}");
        w.WriteLine($"/// <summary>As <see cref=\"{PassEmitter.TrainName}\"/> for <paramref name=\"count\"/> examples, {Block} at a time with batched matrix kernels; returns the summed loss and, unless <paramref name=\"outputs\"/> is empty, writes the output layer's activations there.</summary>");
        using (w.OpenBlock($"public static double {Name}({TypeNames.ReadOnlySpan} parameters, {TypeNames.ReadOnlySpan} inputs, {TypeNames.ReadOnlySpan} targets, int count, {TypeNames.Span} gradients, int seed, ulong stream, {TypeNames.Span} outputs, {TypeNames.Span} scratch)"))
        {
            if (!model.Nodes.Any(n => n is DropoutNode))
            {
                w.WriteLine("_ = seed; // no dropout layers: the examples' randomness is unused");
                w.WriteLine("_ = stream;");
            }

            w.WriteLine("double loss = 0;");
            using (w.OpenBlock($"for (int first = 0; first < count; first += {Block})"))
            {
                w.WriteLine($"int n = global::System.Math.Min({Block}, count - first);");
                w.WriteLine($"{TypeNames.ReadOnlySpan} input = inputs.Slice(first * {model.InputSize}, n * {model.InputSize});");
                var context = new PassContext(plan, PassKind.TrainBatch);
                foreach (LayerNode node in model.Nodes) LayerEmitters.For(node).DeclareTrainingBuffers(w, context, node);
                w.WriteLine($"{TypeNames.Span} logits = {Rows(layout.Logits, outputs)};");
                int widest = layout.DeltaB - layout.DeltaA;
                w.WriteLine($"{TypeNames.Span} deltaA = {Rows(layout.DeltaA, widest)};");
                w.WriteLine($"{TypeNames.Span} deltaB = {Rows(layout.DeltaB, widest)};");
                w.WriteLine();
                w.WriteLine("// Forward, a layer at a time for the whole block.");
                string current = "input";
                foreach (LayerNode node in model.Nodes) current = LayerEmitters.For(node).EmitBatchForward(w, context, node, current);
                w.WriteLine($"if (!outputs.IsEmpty) activation{last}.CopyTo(outputs.Slice(first * {outputs}, n * {outputs}));");

                w.WriteLine();
                w.WriteLine("// The fused output deltas, example by example.");
                using (w.OpenBlock("for (int e = 0; e < n; e++)"))
                {
                    w.WriteLine($"loss += {LossEmitter.MethodName}(logits.Slice(e * {outputs}, {outputs}), activation{last}.Slice(e * {outputs}, {outputs}), " +
                                $"targets.Slice((first + e) * {outputs}, {outputs}), {context.Delta(last)}.Slice(e * {outputs}, {outputs}));");
                }

                w.WriteLine();
                w.WriteLine("// Backward: the block's weight and bias gradients, then dZ[l-1] = (W[l]^T dZ[l]) * g'(Z[l-1]).");
                PassEmitter.WalkBackward(model, node => LayerEmitters.For(node).EmitBatchBackward(w, context, node));
            }

            w.WriteLine("return loss;");
        }

        w.WriteDirective("#endif");
        w.WriteLine();
    }

    /// <summary>A buffer of the per-example layout at <paramref name="offset"/>, as <c>n</c> rows of <paramref name="width"/>.</summary>
    private static string Rows(int offset, int width) => $"scratch.Slice({offset * Block}, n * {width})";
}
