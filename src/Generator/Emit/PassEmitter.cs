using System.Linq;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Plan;

namespace NetGen.Generator.Emit;

/// <summary>
/// Writes the two whole-network passes that chain the per-layer methods: <c>Infer</c> (inference, no dropout) and
/// <c>Train</c> (forward with dropout, keeping activations; then the fused output gradient and backpropagation).
/// </summary>
internal static class PassEmitter
{
    public const string InferName = "Infer";
    public const string TrainName = "Train";

    public static void EmitInfer(IndentedTextWriter w, KernelPlan plan)
    {
        NetworkModel model = plan.Model;
        ScratchLayout layout = plan.Inference;
        w.WriteLine("/// <summary>Inference on one example: the layers in order, hidden activations in <paramref name=\"scratch\"/>, no dropout.</summary>");
        using (w.OpenBlock($"public static void {InferName}({TypeNames.ReadOnlySpan} parameters, {TypeNames.ReadOnlySpan} input, {TypeNames.Span} output, {TypeNames.Span} scratch)"))
        {
            string previous = "input";
            foreach (DenseStage layer in model.Stages())
            {
                bool isOutput = layer.Index == model.Stages().Count - 1;
                string target = isOutput ? "output" : $"hidden{layer.Index}";
                if (!isOutput) w.WriteLine($"{TypeNames.Span} {target} = scratch.Slice({layout.Activations[layer.Index]}, {layer.Units});");
                w.WriteLine($"{LayerNames.Linear(layer)}(parameters, {previous}, {target});");
                if (ActivationEmitter.HasActivation(layer)) w.WriteLine($"{LayerNames.Activate(layer)}({target});");
                previous = target;
            }
        }

        w.WriteLine();
    }

    public static void EmitTrain(IndentedTextWriter w, KernelPlan plan)
    {
        NetworkModel model = plan.Model;
        ScratchLayout layout = plan.Training;
        int last = model.Stages().Count - 1;
        w.WriteLine("/// <summary>");
        w.WriteLine("/// Forward and backward on one example: adds dLoss/dParameters to <paramref name=\"gradients\"/> and returns the loss.");
        w.WriteLine("/// Dropout masks come from (<paramref name=\"seed\"/>, <paramref name=\"stream\"/>, layer, unit) alone.");
        w.WriteLine("/// </summary>");
        using (w.OpenBlock($"public static float {TrainName}({TypeNames.ReadOnlySpan} parameters, {TypeNames.ReadOnlySpan} input, {TypeNames.ReadOnlySpan} target, {TypeNames.Span} gradients, int seed, ulong stream, {TypeNames.Span} scratch)"))
        {
            foreach (DenseStage layer in model.Stages())
            {
                w.WriteLine($"{TypeNames.Span} activation{layer.Index} = scratch.Slice({layout.Activations[layer.Index]}, {layer.Units});");
                if (layer.HasDropout)
                {
                    w.WriteLine($"{TypeNames.Span} mask{layer.Index} = scratch.Slice({layout.Masks[layer.Index]}, {layer.Units});");
                    w.WriteLine($"{TypeNames.Span} dropped{layer.Index} = scratch.Slice({layout.Dropped[layer.Index]}, {layer.Units});");
                }
            }

            w.WriteLine($"{TypeNames.Span} logits = scratch.Slice({layout.Logits}, {model.OutputSize});");
            int widest = layout.DeltaB - layout.DeltaA;
            w.WriteLine($"{TypeNames.Span} deltaA = scratch.Slice({layout.DeltaA}, {widest});");
            w.WriteLine($"{TypeNames.Span} deltaB = scratch.Slice({layout.DeltaB}, {widest});");
            if (!model.Stages().Any(l => l.HasDropout))
            {
                w.WriteLine("_ = seed; // no dropout layers: the example's randomness is unused");
                w.WriteLine("_ = stream;");
            }

            w.WriteLine();
            w.WriteLine("// Forward, keeping every layer's activations for the backward pass.");
            foreach (DenseStage layer in model.Stages())
            {
                string destination = layer.Index == last ? "logits" : $"activation{layer.Index}";
                w.WriteLine($"{LayerNames.Linear(layer)}(parameters, {LayerInput(model, layer.Index)}, {destination});");
                if (layer.Index == last)
                {
                    w.WriteLine($"logits.CopyTo(activation{last});");
                    if (ActivationEmitter.HasActivation(layer)) w.WriteLine($"{LayerNames.Activate(layer)}(activation{last});");
                }
                else if (ActivationEmitter.HasActivation(layer))
                {
                    w.WriteLine($"{LayerNames.Activate(layer)}({destination});");
                }

                if (layer.HasDropout)
                {
                    w.WriteLine($"// Inverted dropout: survivors are scaled by 1 / (1 - {Literals.Float(layer.DropoutRate)}) so inference needs no rescaling.");
                    w.WriteLine($"{TypeNames.DropoutMask}.Fill(mask{layer.Index}, seed, stream, {layer.Index}, {Literals.Float(layer.DropoutRate)});");
                    w.WriteLine($"for (int i = 0; i < {layer.Units}; i++) dropped{layer.Index}[i] = activation{layer.Index}[i] * mask{layer.Index}[i];");
                }
            }

            w.WriteLine();
            w.WriteLine("// Backward: the fused output delta, then dZ[l-1] = (W[l]^T dZ[l]) * g'(Z[l-1]) layer by layer.");
            w.WriteLine($"float loss = {LossEmitter.MethodName}(logits, activation{last}, target, {Delta(model, last)});");
            for (int l = last; l >= 0; l--)
            {
                DenseStage layer = model.Stages()[l];
                if (!plan.Layers[l].NeedsInputGradient)
                {
                    w.WriteLine($"{LayerNames.Backward(layer)}(parameters, {LayerInput(model, l)}, {Delta(model, l)}, gradients);");
                    continue;
                }

                DenseStage previous = model.Stages()[l - 1];
                string previousDelta = Delta(model, l - 1);
                w.WriteLine($"{LayerNames.Backward(layer)}(parameters, {LayerInput(model, l)}, {Delta(model, l)}, gradients, {previousDelta});");
                if (previous.HasDropout)
                    w.WriteLine($"for (int i = 0; i < {previous.Units}; i++) {previousDelta}[i] *= mask{previous.Index}[i];");
                if (ActivationEmitter.HasElementwiseDerivative(previous))
                    w.WriteLine($"{LayerNames.ActivationGradient(previous)}(activation{previous.Index}, {previousDelta});");
            }

            w.WriteLine("return loss;");
        }

        w.WriteLine();
    }

    /// <summary>What layer <paramref name="index"/> reads: the input, or the previous layer's (dropped) activations.</summary>
    private static string LayerInput(NetworkModel model, int index)
    {
        if (index == 0) return "input";
        DenseStage previous = model.Stages()[index - 1];
        return previous.HasDropout ? $"dropped{previous.Index}" : $"activation{previous.Index}";
    }

    /// <summary>Deltas alternate between two buffers: the output layer's in A, the one below in B, and so on.</summary>
    private static string Delta(NetworkModel model, int index) => (model.Stages().Count - 1 - index) % 2 == 0 ? "deltaA" : "deltaB";
}
