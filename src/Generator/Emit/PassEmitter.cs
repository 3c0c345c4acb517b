using System.Linq;
using NetGen.Generator.Helpers;
using NetGen.Generator.Emit.Layers;
using NetGen.Generator.Model;
using NetGen.Generator.Model.Layers;
using NetGen.Generator.Plan;

namespace NetGen.Generator.Emit;

/// <summary>
/// Writes the two whole-network passes that chain the per-layer methods: <c>Infer</c> (inference, no dropout) and
/// <c>Train</c> (forward with dropout, keeping activations; then the fused output gradient and backpropagation). Both
/// only walk the model's nodes; what each step writes is its kind's <see cref="ILayerEmitter"/>.
/// </summary>
internal static class PassEmitter
{
    public const string InferName = "Infer";
    public const string TrainName = "Train";

    public static void EmitInfer(SourceWriter w, KernelPlan plan)
    {
        NetworkModel model = plan.Model;
        w.WriteLine("/// <summary>Inference on one example: the layers in order, hidden activations in <paramref name=\"scratch\"/>, no dropout.</summary>");
        using (w.OpenBlock($"public static void {InferName}({TypeNames.ReadOnlySpan} parameters, {TypeNames.ReadOnlySpan} input, {TypeNames.Span} output, {TypeNames.Span} scratch)"))
        {
            var context = new PassContext(plan, PassKind.Infer);
            string current = "input";
            foreach (LayerNode node in model.Nodes) current = LayerEmitters.For(node).EmitForward(w, context, node, current);
        }

        w.WriteLine();
    }

    public static void EmitTrain(SourceWriter w, KernelPlan plan)
    {
        NetworkModel model = plan.Model;
        ScratchLayout layout = plan.Training;
        w.WriteBlock("""
            /// <summary>
            /// Forward and backward on one example: adds dLoss/dParameters to <paramref name="gradients"/> and returns the loss.
            /// Dropout masks come from (<paramref name="seed"/>, <paramref name="stream"/>, layer, unit) alone.
            /// </summary>
            """);
        using (w.OpenBlock($"public static float {TrainName}({TypeNames.ReadOnlySpan} parameters, {TypeNames.ReadOnlySpan} input, {TypeNames.ReadOnlySpan} target, {TypeNames.Span} gradients, int seed, ulong stream, {TypeNames.Span} scratch)"))
        {
            var context = new PassContext(plan, PassKind.Train);
            foreach (LayerNode node in model.Nodes) LayerEmitters.For(node).DeclareTrainingBuffers(w, context, node);
            w.WriteLine($"{TypeNames.Span} logits = scratch.Slice({layout.Logits}, {model.OutputSize});");
            int widest = layout.DeltaB - layout.DeltaA;
            w.WriteLine($"{TypeNames.Span} deltaA = scratch.Slice({layout.DeltaA}, {widest});");
            w.WriteLine($"{TypeNames.Span} deltaB = scratch.Slice({layout.DeltaB}, {widest});");
            if (!model.Nodes.Any(n => n is DropoutNode))
            {
                w.WriteLine("_ = seed; // no dropout layers: the example's randomness is unused");
                w.WriteLine("_ = stream;");
            }

            w.WriteLine();
            w.WriteLine("// Forward, keeping every layer's activations for the backward pass.");
            string current = "input";
            foreach (LayerNode node in model.Nodes) current = LayerEmitters.For(node).EmitForward(w, context, node, current);

            w.WriteLine();
            w.WriteLine("// Backward: the fused output delta, then dZ[l-1] = (W[l]^T dZ[l]) * g'(Z[l-1]) layer by layer.");
            w.WriteLine($"float loss = {LossEmitter.MethodName}(logits, activation{context.LastLayer}, target, {context.Delta(context.LastLayer)});");
            WalkBackward(model, node => LayerEmitters.For(node).EmitBackward(w, context, node));
            w.WriteLine("return loss;");
        }

        w.WriteLine();
    }

    /// <summary>
    /// Calls <paramref name="emit"/> on the nodes in reverse, from the output Dense node down: the loss writes dL/dZ of
    /// the output layer with its activation fused, so the nodes after the last Dense node have no backward step.
    /// </summary>
    internal static void WalkBackward(NetworkModel model, System.Action<LayerNode> emit)
    {
        int i = model.Nodes.Count - 1;
        while (model.Nodes[i] is not DenseNode) i--;
        for (; i >= 0; i--) emit(model.Nodes[i]);
    }
}
