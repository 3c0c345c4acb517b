using NetGen.Generator.Helpers;
using NetGen.Generator.Model.Layers;

namespace NetGen.Generator.Emit.Layers;

/// <summary>
/// The Activation kind: applied in place on the Dense layer's output (so it needs no scratch of its own), and in
/// training its derivative taken from that output (<see cref="ActivationKernelEmitter"/>). The output layer's
/// activation has no backward step here: the loss writes dL/dZ with it fused.
/// </summary>
internal sealed class ActivationLayerEmitter : ILayerEmitter
{
    public static readonly ActivationLayerEmitter Instance = new();

    private ActivationLayerEmitter()
    {
    }

    public void EmitKernels(SourceWriter w, PassContext context, LayerNode node)
    {
        var activation = (ActivationNode)node;
        ActivationKernelEmitter.EmitActivate(w, activation);
        ActivationKernelEmitter.EmitDerivative(w, activation);
    }

    public int TrainingScratchSize(LayerNode node) => 0;

    public void DeclareTrainingBuffers(SourceWriter w, PassContext context, LayerNode node)
    {
    }

    public string EmitForward(SourceWriter w, PassContext context, LayerNode node, string input)
    {
        if (!context.ActivationFusedInto(node.Layer)) w.WriteLine($"{LayerNames.Activate(node)}({input});");
        return input;
    }

    public void EmitBackward(SourceWriter w, PassContext context, LayerNode node)
    {
        if (HasBackwardStep(context, node))
            w.WriteLine($"{LayerNames.ActivationGradient(node)}(activation{node.Layer}, {context.Delta(node.Layer)});");
    }

    public string EmitBatchForward(SourceWriter w, PassContext context, LayerNode node, string input)
    {
        if (context.ActivationFusedInto(node.Layer)) return input;
        w.WriteLine($"for (int e = 0; e < n; e++) {LayerNames.Activate(node)}({input}.Slice(e * {node.Outputs}, {node.Outputs}));");
        return input;
    }

    public void EmitBatchBackward(SourceWriter w, PassContext context, LayerNode node)
    {
        if (!HasBackwardStep(context, node)) return;
        int width = node.Outputs;
        string delta = context.Delta(node.Layer);
        w.WriteLine($"for (int e = 0; e < n; e++) {LayerNames.ActivationGradient(node)}(activation{node.Layer}.Slice(e * {width}, {width}), " +
                    $"{delta}.Slice(e * {width}, {width}));");
    }

    /// <summary>Softmax (hidden Softmax is NG0003) and the output layer's activation are handled by the loss.</summary>
    private static bool HasBackwardStep(PassContext context, LayerNode node) =>
        node.Layer != context.LastLayer && ActivationKernelEmitter.HasElementwiseDerivative(((ActivationNode)node).Activation);
}
