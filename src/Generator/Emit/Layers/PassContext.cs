using System.Collections.Generic;
using NetGen.Generator.Model;
using NetGen.Generator.Plan;

namespace NetGen.Generator.Emit.Layers;

/// <summary>Which whole-network pass the node emitters are writing into.</summary>
internal enum PassKind
{
    /// <summary><c>Infer</c>: one example, no dropout, hidden activations in the inference layout.</summary>
    Infer,

    /// <summary><c>Train</c>: one example, forward keeping activations, then backward.</summary>
    Train,

    /// <summary><c>InferBatch</c>: a block of <c>n</c> examples (.NET 8+).</summary>
    InferBatch,

    /// <summary><c>TrainBatch</c>: a block of <c>n</c> examples (.NET 8+).</summary>
    TrainBatch,
}

/// <summary>
/// What a pass shares with the node emitters while it walks the nodes: the plan, the kind of pass, the buffer naming
/// rules (activation, mask and delta buffers by Dense layer), and the buffer each Dense layer read in the forward walk,
/// which its backward step reads again.
/// </summary>
internal sealed class PassContext
{
    private readonly Dictionary<int, string> _denseInputs = new();

    public PassContext(KernelPlan plan, PassKind kind)
    {
        Plan = plan;
        Kind = kind;
    }

    public KernelPlan Plan { get; }

    public PassKind Kind { get; }

    public NetworkModel Model => Plan.Model;

    public bool IsBatch => Kind is PassKind.InferBatch or PassKind.TrainBatch;

    public bool IsTraining => Kind is PassKind.Train or PassKind.TrainBatch;

    /// <summary>The index of the output Dense layer.</summary>
    public int LastLayer => Plan.Layers.Count - 1;

    /// <summary>
    /// The delta buffer of layer <paramref name="layer"/>'s output: deltas alternate between two buffers, the output
    /// layer's in A, the one below in B, and so on.
    /// </summary>
    public string Delta(int layer) => (LastLayer - layer) % 2 == 0 ? "deltaA" : "deltaB";

    /// <summary>A scratch buffer at a per-example <paramref name="offset"/>: one example's slice, or <c>n</c> block rows in a batch pass.</summary>
    public string Buffer(int offset, int width) =>
        IsBatch ? $"scratch.Slice({offset * KernelPlan.BatchBlock}, n * {width})" : $"scratch.Slice({offset}, {width})";

    public void RecordDenseInput(int layer, string buffer) => _denseInputs[layer] = buffer;

    /// <summary>
    /// Whether layer <paramref name="layer"/>'s activation runs inside its forward kernel in this pass
    /// (<c>Layer{i}LinearActivate</c>): the per-example passes, and batched inference where it runs the layer row by row.
    /// </summary>
    public bool ActivationFusedInto(int layer)
    {
        LayerPlan plan = Plan.Layers[layer];
        return plan.FusesActivation && Kind switch
        {
            PassKind.Infer or PassKind.Train => true,
            PassKind.InferBatch => plan.BatchForward == BatchForwardStrategy.PerExampleRows,
            _ => false,
        };
    }

    /// <summary>The buffer the Dense layer read in this pass's forward walk.</summary>
    public string DenseInput(int layer) => _denseInputs[layer];
}
