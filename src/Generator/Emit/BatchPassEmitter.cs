using System.Linq;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
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
    public static void EmitInfer(IndentedTextWriter w, KernelPlan plan)
    {
        if (!plan.BatchesInference) return;
        NetworkModel model = plan.Model;
        ScratchLayout inference = plan.Inference;
        int last = model.Stages().Count - 1;
        w.WriteDirective($"#if {TypeNames.Net8Symbol}");
        w.WriteLine($"/// <summary>As <see cref=\"{PassEmitter.InferName}\"/> for <paramref name=\"count\"/> examples, {Block} at a time with batched matrix kernels.</summary>");
        using (w.OpenBlock($"public static void {InferName}({TypeNames.ReadOnlySpan} parameters, {TypeNames.ReadOnlySpan} inputs, {TypeNames.Span} outputs, int count, {TypeNames.Span} scratch)"))
        {
            using (w.OpenBlock($"for (int first = 0; first < count; first += {Block})"))
            {
                w.WriteLine($"int n = global::System.Math.Min({Block}, count - first);");
                w.WriteLine($"{TypeNames.ReadOnlySpan} input = inputs.Slice(first * {model.InputSize}, n * {model.InputSize});");
                w.WriteLine($"{TypeNames.Span} output = outputs.Slice(first * {model.OutputSize}, n * {model.OutputSize});");
                for (int l = 0; l < last; l++)
                    w.WriteLine($"{TypeNames.Span} hidden{l} = {Rows(inference.Activations[l], model.Stages()[l].Units)};");
                foreach (LayerPlan layerPlan in plan.Layers)
                {
                    DenseStage layer = layerPlan.Layer;
                    string source = layer.Index == 0 ? "input" : $"hidden{layer.Index - 1}";
                    string target = layer.Index == last ? "output" : $"hidden{layer.Index}";
                    if (layerPlan.BatchForward == BatchForwardStrategy.BatchKernel)
                        w.WriteLine($"{TypeNames.BatchKernels}.Linear({Weights("parameters", layer)}, {Biases("parameters", layer)}, {source}, {target}, n, {layer.Inputs}, {layer.Units});");
                    else
                        w.WriteLine($"for (int e = 0; e < n; e++) {LayerNames.Linear(layer)}(parameters, {source}.Slice(e * {layer.Inputs}, {layer.Inputs}), {target}.Slice(e * {layer.Units}, {layer.Units}));");
                    ActivateRows(w, layer, target);
                }
            }
        }

        w.WriteDirective("#endif");
        w.WriteLine();
    }

    public static void Emit(IndentedTextWriter w, KernelPlan plan)
    {
        NetworkModel model = plan.Model;
        ScratchLayout layout = plan.Training;
        int last = model.Stages().Count - 1;
        int outputs = model.OutputSize;
        w.WriteDirective($"#if {TypeNames.Net8Symbol}");
        w.WriteLine($"/// <summary>As <see cref=\"{PassEmitter.TrainName}\"/> for <paramref name=\"count\"/> examples, {Block} at a time with batched matrix kernels; returns the summed loss and, unless <paramref name=\"outputs\"/> is empty, writes the output layer's activations there.</summary>");
        using (w.OpenBlock($"public static double {Name}({TypeNames.ReadOnlySpan} parameters, {TypeNames.ReadOnlySpan} inputs, {TypeNames.ReadOnlySpan} targets, int count, {TypeNames.Span} gradients, int seed, ulong stream, {TypeNames.Span} outputs, {TypeNames.Span} scratch)"))
        {
            if (!model.Stages().Any(l => l.HasDropout))
            {
                w.WriteLine("_ = seed; // no dropout layers: the examples' randomness is unused");
                w.WriteLine("_ = stream;");
            }

            w.WriteLine("double loss = 0;");
            using (w.OpenBlock($"for (int first = 0; first < count; first += {Block})"))
            {
                w.WriteLine($"int n = global::System.Math.Min({Block}, count - first);");
                w.WriteLine($"{TypeNames.ReadOnlySpan} input = inputs.Slice(first * {model.InputSize}, n * {model.InputSize});");
                foreach (DenseStage layer in model.Stages())
                {
                    w.WriteLine($"{TypeNames.Span} activation{layer.Index} = {Rows(layout.Activations[layer.Index], layer.Units)};");
                    if (layer.HasDropout)
                    {
                        w.WriteLine($"{TypeNames.Span} mask{layer.Index} = {Rows(layout.Masks[layer.Index], layer.Units)};");
                        w.WriteLine($"{TypeNames.Span} dropped{layer.Index} = {Rows(layout.Dropped[layer.Index], layer.Units)};");
                    }
                }

                w.WriteLine($"{TypeNames.Span} logits = {Rows(layout.Logits, outputs)};");
                int widest = layout.DeltaB - layout.DeltaA;
                w.WriteLine($"{TypeNames.Span} deltaA = {Rows(layout.DeltaA, widest)};");
                w.WriteLine($"{TypeNames.Span} deltaB = {Rows(layout.DeltaB, widest)};");
                w.WriteLine();
                w.WriteLine("// Forward, a layer at a time for the whole block.");
                foreach (DenseStage layer in model.Stages()) EmitForward(w, model, layer);
                w.WriteLine($"if (!outputs.IsEmpty) activation{last}.CopyTo(outputs.Slice(first * {outputs}, n * {outputs}));");

                w.WriteLine();
                w.WriteLine("// The fused output deltas, example by example.");
                using (w.OpenBlock("for (int e = 0; e < n; e++)"))
                {
                    w.WriteLine($"loss += {LossEmitter.MethodName}(logits.Slice(e * {outputs}, {outputs}), activation{last}.Slice(e * {outputs}, {outputs}), " +
                                $"targets.Slice((first + e) * {outputs}, {outputs}), {Delta(model, last)}.Slice(e * {outputs}, {outputs}));");
                }

                w.WriteLine();
                w.WriteLine("// Backward: the block's weight and bias gradients, then dZ[l-1] = (W[l]^T dZ[l]) * g'(Z[l-1]).");
                for (int l = last; l >= 0; l--) EmitBackward(w, model, plan.Layers[l]);
            }

            w.WriteLine("return loss;");
        }

        w.WriteDirective("#endif");
        w.WriteLine();
    }

    private static void EmitForward(IndentedTextWriter w, NetworkModel model, DenseStage layer)
    {
        bool isLast = layer.Index == model.Stages().Count - 1;
        string destination = isLast ? "logits" : $"activation{layer.Index}";
        w.WriteLine($"{TypeNames.BatchKernels}.Linear({Weights("parameters", layer)}, {Biases("parameters", layer)}, {LayerInput(model, layer.Index)}, {destination}, n, {layer.Inputs}, {layer.Units});");
        if (isLast) w.WriteLine($"logits.CopyTo(activation{layer.Index});");
        ActivateRows(w, layer, $"activation{layer.Index}");
        if (layer.HasDropout)
        {
            string i = layer.Index.ToString();
            w.WriteLine($"for (int e = 0; e < n; e++) {TypeNames.DropoutMask}.Fill(mask{i}.Slice(e * {layer.Units}, {layer.Units}), seed, stream + (ulong)(first + e), {i}, {Literals.Float(layer.DropoutRate)});");
            w.WriteLine($"for (int i = 0; i < dropped{i}.Length; i++) dropped{i}[i] = activation{i}[i] * mask{i}[i];");
        }
    }

    private static void EmitBackward(IndentedTextWriter w, NetworkModel model, LayerPlan plan)
    {
        DenseStage layer = plan.Layer;
        int l = layer.Index;
        string delta = $"{Delta(model, l)}.Slice(0, n * {layer.Units})";
        w.WriteLine($"{TypeNames.BatchKernels}.AccumulateGradients({delta}, {LayerInput(model, l)}, {Weights("gradients", layer)}, {Biases("gradients", layer)}, n, {layer.Inputs}, {layer.Units});");
        if (!plan.NeedsInputGradient) return;

        DenseStage previous = model.Stages()[l - 1];
        string previousDelta = Delta(model, l - 1);
        w.WriteLine($"{TypeNames.BatchKernels}.InputGradients({Weights("parameters", layer)}, {delta}, {previousDelta}, n, {layer.Inputs}, {layer.Units});");
        if (previous.HasDropout)
            w.WriteLine($"for (int i = 0; i < n * {previous.Units}; i++) {previousDelta}[i] *= mask{previous.Index}[i];");
        if (ActivationEmitter.HasElementwiseDerivative(previous))
        {
            w.WriteLine($"for (int e = 0; e < n; e++) {LayerNames.ActivationGradient(previous)}(activation{previous.Index}.Slice(e * {previous.Units}, {previous.Units}), " +
                        $"{previousDelta}.Slice(e * {previous.Units}, {previous.Units}));");
        }
    }

    /// <summary>The layer's activation on each of the block's <c>n</c> rows of <paramref name="buffer"/>, in place.</summary>
    private static void ActivateRows(IndentedTextWriter w, DenseStage layer, string buffer)
    {
        if (ActivationEmitter.HasActivation(layer))
            w.WriteLine($"for (int e = 0; e < n; e++) {LayerNames.Activate(layer)}({buffer}.Slice(e * {layer.Units}, {layer.Units}));");
    }

    /// <summary>A buffer of the per-example layout at <paramref name="offset"/>, as <c>n</c> rows of <paramref name="width"/>.</summary>
    private static string Rows(int offset, int width) => $"scratch.Slice({offset * Block}, n * {width})";

    private static string Weights(string span, DenseStage layer) => $"{span}.Slice({layer.ParameterOffset}, {layer.WeightCount})";

    private static string Biases(string span, DenseStage layer) => $"{span}.Slice({layer.BiasOffset}, {layer.Units})";

    /// <summary>What layer <paramref name="index"/> reads for the block: the inputs, or the previous layer's (dropped) activations.</summary>
    private static string LayerInput(NetworkModel model, int index)
    {
        if (index == 0) return "input";
        DenseStage previous = model.Stages()[index - 1];
        return previous.HasDropout ? $"dropped{previous.Index}" : $"activation{previous.Index}";
    }

    /// <summary>The same ping-pong assignment as <c>Train</c>: the output layer's deltas in A, the one below in B, and so on.</summary>
    private static string Delta(NetworkModel model, int index) => (model.Stages().Count - 1 - index) % 2 == 0 ? "deltaA" : "deltaB";
}
