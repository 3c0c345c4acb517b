using System;

namespace NetGen.Dynamic;

/// <summary>
/// Where a <see cref="DynamicNetwork"/>'s passes keep their intermediate values in the per-thread scratch buffer, for a
/// block of up to <see cref="BlockSize"/> examples stored row after row. Inference and training never run at once on
/// one thread, so both start at offset 0.
/// </summary>
internal sealed class ScratchPlan
{
    /// <summary>Examples per block: as in generated <c>TrainBatch</c>, small enough that a block's activations stay in cache.</summary>
    public const int BlockSize = 64;

    private readonly int _inferenceBufferLength;

    public ScratchPlan(NetworkArchitecture architecture)
    {
        int layers = architecture.Layers.Count;
        int maxHidden = 0, maxUnits = 0;
        for (int l = 0; l < layers; l++)
        {
            int units = architecture.Layers[l].Units;
            maxUnits = Math.Max(maxUnits, units);
            if (l < layers - 1) maxHidden = Math.Max(maxHidden, units);
        }

        // Inference: two alternating regions for hidden layers, then Classify's output row.
        _inferenceBufferLength = BlockSize * maxHidden;
        ClassifyOutput = 2 * _inferenceBufferLength;
        long inference = ClassifyOutput + architecture.OutputSize;

        // Training: each layer's activations (and its mask and dropped values), the output logits and two delta regions.
        Activation = new int[layers];
        Mask = new int[layers];
        Dropped = new int[layers];
        long offset = 0;
        for (int l = 0; l < layers; l++)
        {
            LayerInfo layer = architecture.Layers[l];
            Activation[l] = Checked(offset);
            offset += (long)BlockSize * layer.Units;
            if (layer.DropoutRate > 0f)
            {
                Mask[l] = Checked(offset);
                offset += (long)BlockSize * layer.Units;
                Dropped[l] = Checked(offset);
                offset += (long)BlockSize * layer.Units;
            }
        }

        Logits = Checked(offset);
        offset += (long)BlockSize * architecture.OutputSize;
        DeltaLength = Checked((long)BlockSize * maxUnits);
        DeltaA = Checked(offset);
        DeltaB = Checked(offset + DeltaLength);
        Length = Checked(Math.Max(inference, offset + 2L * DeltaLength));
    }

    /// <summary>The scratch length one thread needs.</summary>
    public int Length { get; }

    /// <summary>Where <c>Classify</c> puts the output row.</summary>
    public int ClassifyOutput { get; }

    /// <summary>Per layer, where the training pass keeps its activations.</summary>
    public int[] Activation { get; }

    /// <summary>Per layer with dropout, where its mask is.</summary>
    public int[] Mask { get; }

    /// <summary>Per layer with dropout, where its activations times the mask are.</summary>
    public int[] Dropped { get; }

    /// <summary>The output layer's pre-activations.</summary>
    public int Logits { get; }

    /// <summary>The two regions the backward pass alternates between.</summary>
    public int DeltaA { get; }

    /// <inheritdoc cref="DeltaA"/>
    public int DeltaB { get; }

    /// <summary>The length of each delta region.</summary>
    public int DeltaLength { get; }

    /// <summary>Where hidden layer <paramref name="layer"/> writes its inference output.</summary>
    public int InferenceBuffer(int layer) => (layer % 2) * _inferenceBufferLength;

    private static int Checked(long value) =>
        value <= int.MaxValue ? (int)value : throw new ArgumentException("The network is too large for one scratch buffer per thread.", "architecture");
}
