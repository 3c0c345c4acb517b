using System;
using NetGen.Dynamic;
using NetGen.Kernels;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace NetGen;

// The forward and backward passes: a generated network's Infer/TrainBatch with the sizes read from the architecture.
public sealed partial class DynamicNetwork
{
    // One per thread, grown to the largest network the thread has run: after that nothing allocates.
    [ThreadStatic]
    private static float[]? t_scratch;

    private float[] ThreadScratch()
    {
        float[]? scratch = t_scratch;
        if (scratch is null || scratch.Length < _plan.Length) t_scratch = scratch = new float[_plan.Length];
        return scratch;
    }

    /// <summary>Inference on <paramref name="n"/> (at most a block of) examples, no dropout.</summary>
    private void InferBlock(ReadOnlySpan<float> inputs, Span<float> outputs, int n, float[] scratch)
    {
        ReadOnlySpan<float> parameters = _parameters.Span;
        ReadOnlySpan<float> x = inputs;
        for (int l = 0; l < _layers.Length; l++)
        {
            LayerInfo layer = _layers[l];
            bool last = l == _layers.Length - 1;
            // Hidden layers alternate between two regions, so each reads the one the layer before wrote.
            Span<float> z = last ? outputs.Slice(0, n * layer.Units) : scratch.AsSpan(_plan.InferenceBuffer(l), n * layer.Units);
            Linear(parameters, layer, x, z, n);
            ActivateRows(z, layer, n);
            x = z;
        }
    }

    /// <summary>Forward and backward on <paramref name="n"/> examples with dropout; adds the gradients and returns the summed loss.</summary>
    private double TrainBlock(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int n, Span<float> gradients, ulong stream, Span<float> trainingOutputs, float[] scratch)
    {
        ReadOnlySpan<float> parameters = _parameters.Span;
        int lastIndex = _layers.Length - 1;

        // Forward, a layer at a time for the whole block, keeping what the backward pass needs.
        ReadOnlySpan<float> x = inputs;
        for (int l = 0; l <= lastIndex; l++)
        {
            LayerInfo layer = _layers[l];
            int size = n * layer.Units;
            Span<float> activation = scratch.AsSpan(_plan.Activation[l], size);
            if (l == lastIndex)
            {
                Span<float> logits = scratch.AsSpan(_plan.Logits, size);
                Linear(parameters, layer, x, logits, n);
                logits.CopyTo(activation);
                ActivateRows(activation, layer, n);
                if (!trainingOutputs.IsEmpty) activation.CopyTo(trainingOutputs);
                break;
            }

            Linear(parameters, layer, x, activation, n);
            ActivateRows(activation, layer, n);
            if (layer.DropoutRate > 0f)
            {
                // Inverted dropout, the mask a pure function of (seed, the example's stream, layer, unit).
                Span<float> mask = scratch.AsSpan(_plan.Mask[l], size), dropped = scratch.AsSpan(_plan.Dropped[l], size);
                for (int e = 0; e < n; e++) DropoutMask.Fill(mask.Slice(e * layer.Units, layer.Units), Seed, stream + (ulong)e, l, layer.DropoutRate);
                for (int i = 0; i < size; i++) dropped[i] = activation[i] * mask[i];
                x = dropped;
            }
            else
            {
                x = activation;
            }
        }

        // The fused output deltas and losses, example by example.
        LayerInfo output = _layers[lastIndex];
        int outputs = output.Units;
        Span<float> delta = scratch.AsSpan(_plan.DeltaA, _plan.DeltaLength), other = scratch.AsSpan(_plan.DeltaB, _plan.DeltaLength);
        ReadOnlySpan<float> allLogits = scratch.AsSpan(_plan.Logits, n * outputs), predictions = scratch.AsSpan(_plan.Activation[lastIndex], n * outputs);
        double loss = 0;
        for (int e = 0; e < n; e++)
        {
            loss += LayerFunctions.OutputGradient(_architecture.Loss, output, allLogits.Slice(e * outputs, outputs), predictions.Slice(e * outputs, outputs),
                targets.Slice(e * outputs, outputs), delta.Slice(e * outputs, outputs));
        }

        // Backward: the block's weight and bias gradients, then dZ[l-1] = (W[l]^T dZ[l]) * mask * g'(Z[l-1]).
        for (int l = lastIndex; l >= 0; l--)
        {
            LayerInfo layer = _layers[l];
            ReadOnlySpan<float> layerInput = l == 0 ? inputs : LayerOutput(scratch, l - 1, n);
            ReadOnlySpan<float> dz = delta.Slice(0, n * layer.Units);
            AccumulateGradients(dz, layerInput, gradients, layer, n);
            if (l == 0) break;

            LayerInfo previous = _layers[l - 1];
            int size = n * previous.Units;
            InputGradients(parameters, layer, dz, other, n);
            Span<float> dx = other.Slice(0, size);
            if (previous.DropoutRate > 0f)
            {
                ReadOnlySpan<float> mask = scratch.AsSpan(_plan.Mask[l - 1], size);
                for (int i = 0; i < size; i++) dx[i] *= mask[i];
            }

            LayerFunctions.Derivative(scratch.AsSpan(_plan.Activation[l - 1], size), dx, previous.Activation, previous.Alpha);
            Span<float> swap = delta;
            delta = other;
            other = swap;
        }

        return loss;
    }

    /// <summary>What hidden layer <paramref name="l"/> handed to the next layer in training: its activations, after dropout if it has any.</summary>
    private ReadOnlySpan<float> LayerOutput(float[] scratch, int l, int n) =>
        scratch.AsSpan(_layers[l].DropoutRate > 0f ? _plan.Dropped[l] : _plan.Activation[l], n * _layers[l].Units);

    /// <summary>The activation of every example's row; Softmax normalises each example on its own.</summary>
    private static void ActivateRows(Span<float> values, LayerInfo layer, int n)
    {
        if (layer.Activation == Activation.Identity) return;
        for (int e = 0; e < n; e++) LayerFunctions.Activate(values.Slice(e * layer.Units, layer.Units), layer.Activation, layer.Alpha);
    }

    private static void Linear(ReadOnlySpan<float> parameters, LayerInfo layer, ReadOnlySpan<float> x, Span<float> z, int n)
    {
        ReadOnlySpan<float> weights = parameters.Slice(layer.ParameterOffset, layer.WeightCount), biases = parameters.Slice(layer.BiasOffset, layer.Units);
#if NET8_0_OR_GREATER
        if (Vector256.IsHardwareAccelerated)
        {
            BatchKernels.Linear(weights, biases, x, z, n, layer.Inputs, layer.Units);
            return;
        }
#endif
        PortableDenseKernels.Linear(weights, biases, x, z, n, layer.Inputs, layer.Units);
    }

    private static void AccumulateGradients(ReadOnlySpan<float> dz, ReadOnlySpan<float> x, Span<float> gradients, LayerInfo layer, int n)
    {
        Span<float> weightGradients = gradients.Slice(layer.ParameterOffset, layer.WeightCount), biasGradients = gradients.Slice(layer.BiasOffset, layer.Units);
#if NET8_0_OR_GREATER
        if (Vector256.IsHardwareAccelerated)
        {
            BatchKernels.AccumulateGradients(dz, x, weightGradients, biasGradients, n, layer.Inputs, layer.Units);
            return;
        }
#endif
        PortableDenseKernels.AccumulateGradients(dz, x, weightGradients, biasGradients, n, layer.Inputs, layer.Units);
    }

    private static void InputGradients(ReadOnlySpan<float> parameters, LayerInfo layer, ReadOnlySpan<float> dz, Span<float> dx, int n)
    {
        ReadOnlySpan<float> weights = parameters.Slice(layer.ParameterOffset, layer.WeightCount);
#if NET8_0_OR_GREATER
        if (Vector256.IsHardwareAccelerated)
        {
            BatchKernels.InputGradients(weights, dz, dx, n, layer.Inputs, layer.Units);
            return;
        }
#endif
        PortableDenseKernels.InputGradients(weights, dz, dx, n, layer.Inputs, layer.Units);
    }
}
