using NetGen.Generator.Helpers;
using NetGen.Generator.Model.Layers;

namespace NetGen.Generator.Emit.Layers;

/// <summary>
/// What one layer kind writes. The pass emitters walk the model's nodes and call these in order (forward) or in
/// reverse (backward); they know nothing about any kind. A kind's strategies come from the <c>KernelPlan</c>: an
/// emitter switches on the plan and decides nothing itself. Implementations are stateless singletons (see
/// <see cref="LayerEmitters"/>), one folder per kind under <c>Emit/Layers/</c>.
/// </summary>
internal interface ILayerEmitter
{
    /// <summary>The node's methods in the kernel class (<c>Layer{i}Linear</c>, <c>Layer{i}Activate</c>, ...), if it has any.</summary>
    void EmitKernels(SourceWriter w, PassContext context, LayerNode node);

    /// <summary>Floats of per-example training scratch the node keeps: its output, and whatever its backward step reads.</summary>
    int TrainingScratchSize(LayerNode node);

    /// <summary>Declares the node's training buffers (per example in <c>Train</c>, as block rows in <c>TrainBatch</c>).</summary>
    void DeclareTrainingBuffers(SourceWriter w, PassContext context, LayerNode node);

    /// <summary>One example's forward step in <c>Infer</c> or <c>Train</c>; returns the buffer that holds its output.</summary>
    string EmitForward(SourceWriter w, PassContext context, LayerNode node, string input);

    /// <summary>One example's backward step in <c>Train</c>: turns the delta of its output into the delta of its input.</summary>
    void EmitBackward(SourceWriter w, PassContext context, LayerNode node);

    /// <summary>The forward step for a block of <c>n</c> examples in <c>InferBatch</c> or <c>TrainBatch</c>; returns its output buffer.</summary>
    string EmitBatchForward(SourceWriter w, PassContext context, LayerNode node, string input);

    /// <summary>The backward step for a block of <c>n</c> examples in <c>TrainBatch</c>.</summary>
    void EmitBatchBackward(SourceWriter w, PassContext context, LayerNode node);
}
