using NetGen.Generator.Helpers;
using NetGen.Generator.Model.Layers;
using NetGen.Generator.Plan;

namespace NetGen.Generator.Emit.Layers;

/// <summary>
/// The Dense kind: <c>z = W x + b</c> forward (<see cref="LinearEmitter"/>, with <see cref="WidthKernelEmitter"/> for the
/// explicit widths), <c>dW += dZ x^T</c>, <c>db += dZ</c>, <c>dX = W^T dZ</c> backward (<see cref="BackwardEmitter"/>),
/// and the <c>BatchKernels</c> calls of the batched passes, each as the layer's <see cref="LayerPlan"/> says.
/// </summary>
internal sealed class DenseEmitter : ILayerEmitter
{
    public static readonly DenseEmitter Instance = new();

    private DenseEmitter()
    {
    }

    public void EmitKernels(SourceWriter w, PassContext context, LayerNode node)
    {
        LayerPlan plan = Plan(context, node);
        LinearEmitter.Emit(w, plan);
        BackwardEmitter.Emit(w, plan);
    }

    /// <summary>The layer's output (for the output layer, its activations beside the logits the pass keeps).</summary>
    public int TrainingScratchSize(LayerNode node) => node.Outputs;

    public void DeclareTrainingBuffers(SourceWriter w, PassContext context, LayerNode node) =>
        w.WriteLine($"{TypeNames.Span} activation{node.Layer} = {context.Buffer(context.Plan.Training.Activations[node.Layer], node.Outputs)};");

    public string EmitForward(SourceWriter w, PassContext context, LayerNode node, string input)
    {
        var dense = (DenseNode)node;
        int l = dense.Layer;
        bool isOutput = l == context.LastLayer;
        if (!context.IsTraining)
        {
            // Inference writes the output layer straight into the caller's span.
            string target = isOutput ? "output" : $"hidden{l}";
            if (!isOutput) w.WriteLine($"{TypeNames.Span} {target} = scratch.Slice({context.Plan.Inference.Activations[l]}, {dense.Units});");
            w.WriteLine($"{ForwardKernel(context, l)}(parameters, {input}, {target});");
            return target;
        }

        context.RecordDenseInput(l, input);
        string destination = isOutput ? "logits" : $"activation{l}";
        w.WriteLine($"{ForwardKernel(context, l)}(parameters, {input}, {destination});");
        if (isOutput) w.WriteLine($"logits.CopyTo(activation{l});");
        return $"activation{l}";
    }

    public void EmitBackward(SourceWriter w, PassContext context, LayerNode node)
    {
        int l = node.Layer;
        string inputGradient = Plan(context, node).NeedsInputGradient ? $", {context.Delta(l - 1)}" : "";
        w.WriteLine($"{LayerNames.Backward(l)}(parameters, {context.DenseInput(l)}, {context.Delta(l)}, gradients{inputGradient});");
    }

    public string EmitBatchForward(SourceWriter w, PassContext context, LayerNode node, string input)
    {
        var dense = (DenseNode)node;
        int l = dense.Layer;
        bool isOutput = l == context.LastLayer;
        if (!context.IsTraining)
        {
            string target = isOutput ? "output" : $"hidden{l}";
            if (!isOutput) w.WriteLine($"{TypeNames.Span} {target} = {context.Buffer(context.Plan.Inference.Activations[l], dense.Units)};");
            if (Plan(context, node).BatchForward == BatchForwardStrategy.BatchKernel)
                w.WriteLine($"{TypeNames.BatchKernels}.Linear({Weights("parameters", dense)}, {Biases("parameters", dense)}, {input}, {target}, n, {dense.Inputs}, {dense.Units});");
            else
                w.WriteLine($"for (int e = 0; e < n; e++) {ForwardKernel(context, l)}(parameters, {input}.Slice(e * {dense.Inputs}, {dense.Inputs}), {target}.Slice(e * {dense.Units}, {dense.Units}));");
            return target;
        }

        context.RecordDenseInput(l, input);
        string destination = isOutput ? "logits" : $"activation{l}";
        w.WriteLine($"{TypeNames.BatchKernels}.Linear({Weights("parameters", dense)}, {Biases("parameters", dense)}, {input}, {destination}, n, {dense.Inputs}, {dense.Units});");
        if (isOutput) w.WriteLine($"logits.CopyTo(activation{l});");
        return $"activation{l}";
    }

    public void EmitBatchBackward(SourceWriter w, PassContext context, LayerNode node)
    {
        var dense = (DenseNode)node;
        int l = dense.Layer;
        string delta = $"{context.Delta(l)}.Slice(0, n * {dense.Units})";
        w.WriteLine($"{TypeNames.BatchKernels}.AccumulateGradients({delta}, {context.DenseInput(l)}, {Weights("gradients", dense)}, {Biases("gradients", dense)}, n, {dense.Inputs}, {dense.Units});");
        if (Plan(context, node).NeedsInputGradient)
            w.WriteLine($"{TypeNames.BatchKernels}.InputGradients({Weights("parameters", dense)}, {delta}, {context.Delta(l - 1)}, n, {dense.Inputs}, {dense.Units});");
    }

    private static LayerPlan Plan(PassContext context, LayerNode node) => context.Plan.Layers[node.Layer];

    /// <summary>The per-example forward kernel this pass calls: the one with the activation fused in, where the plan has it.</summary>
    private static string ForwardKernel(PassContext context, int layer) =>
        context.ActivationFusedInto(layer) ? LayerNames.LinearActivate(layer) : LayerNames.Linear(layer);

    private static string Weights(string span, DenseNode dense) => $"{span}.Slice({dense.ParameterOffset}, {dense.WeightCount})";

    private static string Biases(string span, DenseNode dense) => $"{span}.Slice({dense.BiasOffset}, {dense.Units})";
}
