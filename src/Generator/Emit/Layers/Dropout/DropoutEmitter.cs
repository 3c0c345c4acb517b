using NetGen.Generator.Helpers;
using NetGen.Generator.Model.Layers;

namespace NetGen.Generator.Emit.Layers;

/// <summary>
/// The Dropout kind: nothing at inference; in training a mask from (seed, stream, layer, unit) alone and the dropped
/// activations beside it (both kept for the backward step, which multiplies the delta by the mask).
/// </summary>
internal sealed class DropoutEmitter : ILayerEmitter
{
    public static readonly DropoutEmitter Instance = new();

    private DropoutEmitter()
    {
    }

    public void EmitKernels(SourceWriter w, PassContext context, LayerNode node)
    {
    }

    /// <summary>The mask, then the dropped activations.</summary>
    public int TrainingScratchSize(LayerNode node) => 2 * node.Outputs;

    public void DeclareTrainingBuffers(SourceWriter w, PassContext context, LayerNode node)
    {
        int l = node.Layer;
        w.WriteLine($"{TypeNames.Span} mask{l} = {context.Buffer(context.Plan.Training.Masks[l], node.Outputs)};");
        w.WriteLine($"{TypeNames.Span} dropped{l} = {context.Buffer(context.Plan.Training.Dropped[l], node.Outputs)};");
    }

    public string EmitForward(SourceWriter w, PassContext context, LayerNode node, string input)
    {
        if (!context.IsTraining) return input;
        var dropout = (DropoutNode)node;
        int l = dropout.Layer;
        string rate = Literals.Float(dropout.Rate);
        w.WriteLine($"// Inverted dropout: survivors are scaled by 1 / (1 - {rate}) so inference needs no rescaling.");
        w.WriteLine($"{TypeNames.DropoutMask}.Fill(mask{l}, seed, stream, {l}, {rate});");
        w.WriteLine($"{TypeNames.DropoutMask}.Apply({input}, mask{l}, dropped{l});");
        return $"dropped{l}";
    }

    public void EmitBackward(SourceWriter w, PassContext context, LayerNode node) =>
        w.WriteLine($"{TypeNames.DropoutMask}.ApplyInPlace({context.Delta(node.Layer)}.Slice(0, {node.Outputs}), mask{node.Layer});");

    public string EmitBatchForward(SourceWriter w, PassContext context, LayerNode node, string input)
    {
        if (!context.IsTraining) return input;
        var dropout = (DropoutNode)node;
        int l = dropout.Layer, width = dropout.Width;
        // Each example's mask from its own stream, as Train draws it, so batched and per-example training agree.
        w.WriteLine($"for (int e = 0; e < n; e++) {TypeNames.DropoutMask}.Fill(mask{l}.Slice(e * {width}, {width}), seed, stream + (ulong)(first + e), {l}, {Literals.Float(dropout.Rate)});");
        w.WriteLine($"{TypeNames.DropoutMask}.Apply({input}, mask{l}, dropped{l});");
        return $"dropped{l}";
    }

    public void EmitBatchBackward(SourceWriter w, PassContext context, LayerNode node) =>
        w.WriteLine($"{TypeNames.DropoutMask}.ApplyInPlace({context.Delta(node.Layer)}.Slice(0, n * {node.Outputs}), mask{node.Layer});");
}
