using System;
using System.Collections.Generic;
using NetGen.Generator.Emit.Layers;
using NetGen.Generator.Model;
using NetGen.Generator.Model.Layers;
using NetGen.Generator.Plan;

namespace NetGen.Generator.Emit;

/// <summary>
/// Where each per-call buffer lives inside one scratch span, decided at generation time so the generated code slices
/// with constant offsets. Inference needs only the hidden activations; training also keeps the output logits, the
/// dropout masks and dropped activations, and two ping-pong delta buffers for backpropagation.
/// </summary>
internal sealed class ScratchLayout
{
    private ScratchLayout(int size) => Size = size;

    public int Size { get; private set; }

    /// <summary>Whether the scratch fits under <see cref="KernelPlan.StackallocLimit"/> and is <c>stackalloc</c>ed.</summary>
    public bool UsesStack => Size <= KernelPlan.StackallocLimit;

    /// <summary>Offsets of each layer's activation (training), or of each hidden layer's (inference, where the output's is -1).</summary>
    public int[] Activations { get; private set; } = Array.Empty<int>();

    /// <summary>Training only: offsets of each layer's dropout mask and dropped activation, -1 when it has no dropout.</summary>
    public int[] Masks { get; private set; } = Array.Empty<int>();

    public int[] Dropped { get; private set; } = Array.Empty<int>();

    /// <summary>Training only: the output layer's pre-activations, kept for the loss.</summary>
    public int Logits { get; private set; }

    /// <summary>Training only: the two delta buffers, each as long as the widest layer.</summary>
    public int DeltaA { get; private set; }

    public int DeltaB { get; private set; }

    public static ScratchLayout ForInference(NetworkModel model)
    {
        var layout = new ScratchLayout(0);
        int count = model.Stages().Count;
        layout.Activations = new int[count];
        int offset = 0;
        for (int l = 0; l < count - 1; l++)
        {
            layout.Activations[l] = offset;
            offset += model.Stages()[l].Units;
        }

        // Forward writes the output layer straight into the caller's span; the room after the hidden activations is
        // for Classify, which has no caller span to write into.
        layout.Activations[count - 1] = -1;
        layout.Size = offset + model.OutputSize;
        return layout;
    }

    public static ScratchLayout ForTraining(NetworkModel model)
    {
        var layout = new ScratchLayout(0);
        int count = model.Stages().Count;
        layout.Activations = new int[count];
        layout.Masks = new int[count];
        layout.Dropped = new int[count];
        for (int l = 0; l < count; l++) layout.Masks[l] = layout.Dropped[l] = -1;
        int offset = 0, widest = 0;
        // Each node's buffers in node order, as its emitter sizes them: a Dense layer's activations, a Dropout's mask
        // and then its dropped activations.
        foreach (LayerNode node in model.Nodes)
        {
            switch (node)
            {
                case DenseNode dense:
                    layout.Activations[dense.Layer] = offset;
                    widest = Math.Max(widest, dense.Units);
                    break;
                case DropoutNode dropout:
                    layout.Masks[dropout.Layer] = offset;
                    layout.Dropped[dropout.Layer] = offset + dropout.Width;
                    break;
            }

            offset += LayerEmitters.For(node).TrainingScratchSize(node);
        }

        layout.Logits = offset;
        offset += model.OutputSize;
        layout.DeltaA = offset;
        layout.DeltaB = offset + widest;
        layout.Size = offset + 2 * widest;
        return layout;
    }

    /// <summary>Lines that declare <c>scratch</c> as a span of <see cref="Size"/> floats, on the stack or thread-static.</summary>
    public IEnumerable<string> DeclareScratch(string threadStaticField)
    {
        if (UsesStack)
            yield return $"{TypeNames.Span} scratch = stackalloc float[{Size}];";
        else
            yield return $"{TypeNames.Span} scratch = {threadStaticField} ??= new float[{Size}];";
    }
}
