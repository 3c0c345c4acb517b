using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Plan;

/// <summary>How a layer's per-example <c>z = W x + b</c> (and its backward step) is written.</summary>
internal enum ForwardStrategy
{
    /// <summary>Straight-line scalar code: every weight a constant index, no loops, no reductions.</summary>
    StraightLine,

    /// <summary>Row-blocked dot products at each applicable explicit width (.NET 8+), then <c>Vector&lt;T&gt;</c>, then scalar.</summary>
    Vectorised,
}

/// <summary>In which order a vectorised layer's per-example forward kernel reads its weight rows.</summary>
internal enum RowOrder
{
    /// <summary>
    /// <see cref="KernelPlan.RowBlock"/> rows side by side, one accumulator each, every input vector loaded once per block,
    /// then one transpose-add for the block's outputs: the fewest loads, for weights that sit in the L1 cache.
    /// </summary>
    Blocked,

    /// <summary>
    /// One row after another, each with <see cref="KernelPlan.StreamedAccumulators"/> accumulators and its own horizontal
    /// sum: the weights are read as one sequential stream, which is what keeps the L2 cache delivering at full rate.
    /// </summary>
    Streamed,
}

/// <summary>How a layer's forward step runs inside the batched inference pass (<c>InferBatch</c>).</summary>
internal enum BatchForwardStrategy
{
    /// <summary>One <c>BatchKernels.Linear</c> call for the whole block of examples.</summary>
    BatchKernel,

    /// <summary>The per-example kernel on each row of the block.</summary>
    PerExampleRows,
}

/// <summary>The plan for one Dense layer: its strategies, the widths its vector kernels are written for, and why.</summary>
internal sealed class LayerPlan
{
    public LayerPlan(DenseStage layer, ForwardStrategy forward, IReadOnlyList<VectorWidth> widths, IReadOnlyList<VectorWidth> backwardWidths,
        bool fusesActivation, BatchForwardStrategy batchForward, string reason, RowOrder rowOrder = RowOrder.Blocked)
    {
        RowOrder = rowOrder;
        Layer = layer;
        Forward = forward;
        Widths = widths;
        BackwardWidths = backwardWidths;
        FusesActivation = fusesActivation;
        BatchForward = batchForward;
        Reason = reason;
    }

    public DenseStage Layer { get; }

    public ForwardStrategy Forward { get; }

    /// <summary>The explicit widths (widest first) the forward kernel is written for; empty for straight-line layers.</summary>
    public IReadOnlyList<VectorWidth> Widths { get; }

    /// <summary>
    /// The explicit widths (widest first) the backward kernel is written for: every width whose vectors fit in one input
    /// row, 512 bits included for short rows, since its products broadcast deltas and need no horizontal sums.
    /// </summary>
    public IReadOnlyList<VectorWidth> BackwardWidths { get; }

    public BatchForwardStrategy BatchForward { get; }

    /// <summary>How the explicit-width forward kernels walk the weight rows (vectorised layers only).</summary>
    public RowOrder RowOrder { get; }

    /// <summary>One sentence for the generated doc comment: which strategy and which threshold decided it.</summary>
    public string Reason { get; }

    /// <summary>
    /// Whether the per-example passes apply this hidden layer's activation inside its forward kernel (one method,
    /// <c>Layer{i}LinearActivate</c>), to each block of outputs while it is still in registers, instead of storing
    /// <c>z</c> and loading it again in a separate activation kernel. Besides the round trip, that saves a stall: the
    /// kernel stores 256- and 128-bit blocks, and a wider load of them in the activation kernel cannot be forwarded from
    /// the stores. Elementwise activations of hidden vectorised layers only: the output layer keeps its logits for the loss.
    /// </summary>
    public bool FusesActivation { get; }

    /// <summary>The first layer's input is the caller's data, which needs no gradient.</summary>
    public bool NeedsInputGradient => Layer.Index > 0;

    /// <summary>
    /// Whether the forward kernel at <paramref name="width"/> applies the fused activation to each block's output vector:
    /// only when every output leaves the kernel in a whole block, with no scalar code adding to the outputs after the
    /// block is stored (an input tail) or writing some one by one (a unit tail). Otherwise that width's kernel calls the
    /// activation kernel on the layer's outputs at its end.
    /// </summary>
    public bool FusesActivationInRegisters(VectorWidth width) =>
        FusesActivation && RowOrder == RowOrder.Blocked && Layer.Inputs % width.Lanes == 0 && Layer.Units % (KernelPlan.RowBlock / 2) == 0;

    /// <summary>Whether the kernel at <paramref name="width"/> loads the inputs into registers once for the whole layer.</summary>
    public bool HoldsInputsInRegisters(VectorWidth width) => Layer.Inputs / width.Lanes <= KernelPlan.HoistedInputVectors;
}

/// <summary>
/// The one place that decides what code each layer gets: the forward, backward and batch strategy per layer, the
/// scratch layouts, and every threshold behind those choices. Emitters switch on this plan and decide nothing; doc text
/// that quotes a threshold is built from the constants here. Made fresh from the model in the output step (it is not a
/// pipeline value, so it need not be equatable).
/// </summary>
internal sealed class KernelPlan
{
    /// <summary>
    /// Layers with at most this many weights are straight-line code: for them the vector kernel would spend its time in
    /// scalar tails and horizontal sums rather than in full-width multiply-adds. Measured (BenchmarkDotNet, a 2-core Zen 5
    /// machine): unrolling every layer of 16-32-32-4 up to 1024 weights made Forward 519 ns against 256 ns vectorised, so
    /// only layers far below one vector per row (the lecture's 3-3-1) are unrolled.
    /// </summary>
    public const int StraightLineWeightLimit = 64;

    /// <summary>Rows shorter than this (one 256-bit vector) are "short": the vector kernels would be all tail on them.</summary>
    public const int ShortRowInputs = 8;

    /// <summary>
    /// Layers with short rows are straight-line code up to this many weights (under ~130 source lines a layer). Measured
    /// (BenchmarkDotNet ShortInputBenchmarks, 6-32-32-4 tanh/softmax, the GameAgent policy's shape): Forward 191.7 ns with
    /// the 6-input layer in the vector kernel, 148.6 ns with it straight-line.
    /// </summary>
    public const int ShortRowStraightLineLimit = 1024;

    /// <summary>
    /// Inputs of at most this many vectors are held in registers for the whole layer: with 8 row accumulators that is 12
    /// live vectors, within the 16 registers of AVX2 and SSE (AVX-512 and NEON have 32), and the row loop becomes
    /// straight-line multiply-adds.
    /// </summary>
    public const int HoistedInputVectors = 4;

    /// <summary>
    /// Rows per block in the explicit-width kernels: eight independent accumulators keep both FMA pipes busy through the
    /// 4-cycle FMA latency (2 pipes x 4 cycles = 8 in flight), and one transpose-add turns them into eight outputs.
    /// </summary>
    public const int RowBlock = 8;

    /// <summary>
    /// Rows shorter than this skip the 512-bit kernel and take the 256-bit one even where 512 bits are accelerated. A
    /// 512-bit accumulator is folded to 256 bits (one cross-lane shuffle and one add per row) before the shared
    /// transpose-add, which costs more than the multiply-adds it saves on a row of one or two 512-bit vectors. Measured
    /// on a 2-core Xeon (model 207, AVX-512), one layer's Linear back to back, both widths' kernels interleaved in one
    /// process, medians of 1,500 samples: 16-to-32 took 22.3 ns at 256 bits against 34.7 ns at 512; 32-to-32, 32.3
    /// against 40.2 ns. On a 2-core AMD EPYC Zen 5 (family 26, model 2), whose measured FMA peak doubles from 256 to 512
    /// bits (132 to 266 GFLOP/s per core), the same holds: the whole 16-32-32-4 network took 77-79 ns with 512-bit short
    /// rows against 65-66 ns at 256 bits (the peer runner's i1-tiny medians, the two builds measured one after the other
    /// minutes apart). From 64 inputs the multiply-adds saved (at least 4 per row) should outweigh the fold (not measured).
    /// </summary>
    public const int Wide512MinInputs = 64;

    /// <summary>
    /// Layers with at least this many weights (64 KB, beyond the 48 KB L1 data cache of the Zen 5 core below, as lscpu
    /// reports it) and rows of at least <see cref="StreamedMinInputs"/> inputs read their rows one after another
    /// (<see cref="RowOrder.Streamed"/>). Their weights come from L2, and L2 delivers a single sequential stream at close
    /// to the speed of a plain read but eight interleaved row streams far slower. Measured on a 2-core AMD EPYC Zen 5 (family 26, model 2),
    /// one layer at 512 bits, both orders interleaved in one process, medians of 200 samples: 784-to-128 took 2.05 µs
    /// streamed against 3.12 µs blocked (a plain read of its 401 KB took 1.94 µs), 256-to-256 1.35 against 2.00 µs,
    /// 128-to-128 0.44 against 0.51 µs; below the threshold blocked wins: 128-to-64 (32 KB) 0.20 against 0.14 µs.
    /// </summary>
    public const int StreamedMinWeights = 16384;

    /// <summary>
    /// Rows shorter than this stay blocked whatever the layer's size: a streamed row pays one horizontal sum per output,
    /// which short rows cannot amortise. Measured as above: 64-to-256 (64 KB) took 0.70 µs streamed against 0.52 blocked.
    /// </summary>
    public const int StreamedMinInputs = 128;

    /// <summary>
    /// Accumulators per streamed row: four independent multiply-add chains. The L2 stream is the limit, not the FMA
    /// latency: 784-to-128 took 2.05 µs against 1.94 µs for a plain read of its weights, and eight accumulators measured
    /// no faster (2.03 µs; same machine and process as above).
    /// </summary>
    public const int StreamedAccumulators = 4;

    /// <summary>Rows per block in the portable <c>Vector&lt;T&gt;</c> kernel: four accumulators, each input load reused four times.</summary>
    public const int PortableRowBlock = 4;

    /// <summary>
    /// Layers with at least this many inputs go through <c>BatchKernels.Linear</c> in <c>InferBatch</c>: their rows are too
    /// long for the 256-bit per-example kernel to hold the inputs in registers (more than <see cref="HoistedInputVectors"/>
    /// vectors of 8), so it reloads every input vector for each group of rows while the batched kernel reuses each weight
    /// for a pair of examples. Shorter layers keep their per-example kernel row by row: blocking them measured slower
    /// (ForwardBatch of 256 examples 1.06x the per-example time for 16-32-32-4 and 1.28x for 6-32-32-4).
    /// </summary>
    public const int BlockedInferenceMinInputs = ShortRowInputs * (HoistedInputVectors + 1);

    /// <summary>
    /// Examples per block in the batched passes: a 64-example mini-batch (the common size) is one block, so each weight
    /// gradient is read and written once per batch; the block's activations and deltas (64 x 916 floats for
    /// 784-256-128-10, 234 KB) stay in the 1 MB L2 cache beside the weights.
    /// </summary>
    public const int BatchBlock = 64;

    /// <summary>
    /// Per-example scratch up to this many floats (8 KiB) is <c>stackalloc</c>ed per call; larger scratch comes from a
    /// <c>[ThreadStatic]</c> array. Zeroing 8 KiB of stack costs about as much as a few thousand multiply-adds, small
    /// against the work of any network that needs that much, while keeping stack use modest on small-stack threads.
    /// </summary>
    public const int StackallocLimit = 2048;

    private KernelPlan(NetworkModel model, IReadOnlyList<LayerPlan> layers)
    {
        Model = model;
        Layers = layers;
        Inference = ScratchLayout.ForInference(model);
        Training = ScratchLayout.ForTraining(model);
    }

    public NetworkModel Model { get; }

    public IReadOnlyList<LayerPlan> Layers { get; }

    /// <summary>Where <c>Infer</c>'s hidden activations live in its scratch.</summary>
    public ScratchLayout Inference { get; }

    /// <summary>Where <c>Train</c>'s activations, masks, logits and deltas live in its scratch.</summary>
    public ScratchLayout Training { get; }

    /// <summary>Whether <c>ForwardBatch</c> has a batched pass at all: some layer is worth blocking.</summary>
    public bool BatchesInference => Layers.Any(l => l.BatchForward == BatchForwardStrategy.BatchKernel);

    /// <summary>Floats of scratch for one training block: the training layout with every buffer <see cref="BatchBlock"/> rows long.</summary>
    public int TrainingBatchScratchSize => Training.Size * BatchBlock;

    /// <summary>
    /// Floats of scratch for one inference block: the hidden activations, every buffer <see cref="BatchBlock"/> rows long
    /// (the layout's room for <c>Classify</c>'s output is not needed: outputs go to the caller).
    /// </summary>
    public int InferenceBatchScratchSize => (Inference.Size - Model.OutputSize) * BatchBlock;

    /// <summary>The rule of <see cref="BlockedInferenceMinInputs"/> in words, for <c>ForwardBatch</c>'s doc comment.</summary>
    public static string BlockedInferenceRule => $"the layers with {BlockedInferenceMinInputs} or more inputs";

    public static KernelPlan For(NetworkModel model)
    {
        IReadOnlyList<DenseStage> stages = model.Stages();
        return new(model, stages.Select(stage => PlanLayer(stage, stage.Index == stages.Count - 1)).ToList());
    }

    private static LayerPlan PlanLayer(DenseStage layer, bool isOutput)
    {
        BatchForwardStrategy batch = layer.Inputs >= BlockedInferenceMinInputs ? BatchForwardStrategy.BatchKernel : BatchForwardStrategy.PerExampleRows;
        string batchReason = batch == BatchForwardStrategy.BatchKernel
            ? $"batched inference uses BatchKernels.Linear ({layer.Inputs} inputs >= {BlockedInferenceMinInputs})"
            : $"batched inference runs it row by row ({layer.Inputs} inputs < {BlockedInferenceMinInputs})";

        if (layer.WeightCount <= StraightLineWeightLimit)
        {
            return new LayerPlan(layer, ForwardStrategy.StraightLine, new VectorWidth[0], new VectorWidth[0], false, batch,
                $"Straight-line code: {layer.WeightCount} weights <= {StraightLineWeightLimit}; {batchReason}.");
        }

        if (layer.Inputs < ShortRowInputs && layer.WeightCount <= ShortRowStraightLineLimit)
        {
            return new LayerPlan(layer, ForwardStrategy.StraightLine, new VectorWidth[0], new VectorWidth[0], false, batch,
                $"Straight-line code: rows of {layer.Inputs} < {ShortRowInputs} inputs and {layer.WeightCount} weights <= {ShortRowStraightLineLimit}; {batchReason}.");
        }

        VectorWidth[] backwardWidths = VectorWidth.WidestFirst.Where(w => layer.Inputs >= w.Lanes).ToArray();
        VectorWidth[] widths = backwardWidths.Where(w => w.Bits != 512 || layer.Inputs >= Wide512MinInputs).ToArray();
        string widthList = widths.Length == 0 ? "none" : string.Join("/", widths.Select(w => w.Bits));
        string why = widths.Length < backwardWidths.Length
            ? $"a row of {layer.Inputs} < {Wide512MinInputs} inputs is faster at 256 bits than folded from 512"
            : $"a row of {layer.Inputs} holds at least one vector";
        bool fuses = !isOutput && widths.Length > 0 && layer.Activation is not (Activation.Identity or Activation.Softmax);
        RowOrder order = layer.WeightCount >= StreamedMinWeights && layer.Inputs >= StreamedMinInputs ? RowOrder.Streamed : RowOrder.Blocked;
        string orderReason = order == RowOrder.Streamed
            ? $"rows read one after another ({layer.WeightCount} weights >= {StreamedMinWeights} and {layer.Inputs} inputs >= {StreamedMinInputs})"
            : $"rows read {RowBlock} at a time";
        string fusion = !fuses ? ""
            : order == RowOrder.Streamed ? $"; {layer.Activation} applied to the outputs at the kernel's end"
            : $"; {layer.Activation} applied to each block of outputs in registers";
        return new LayerPlan(layer, ForwardStrategy.Vectorised, widths, backwardWidths, fuses, batch,
            $"Vector kernels: explicit widths {widthList} ({why}; {orderReason}), then Vector<T>, then scalar{fusion}; {batchReason}.", order);
    }
}
