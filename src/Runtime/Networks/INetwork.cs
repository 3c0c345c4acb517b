using System;

namespace NetGen;

/// <summary>
/// A fixed-architecture dense network. The NetGen source generator implements this interface on every class marked
/// with <see cref="NetworkAttribute"/>; training (<c>Fit</c>), evaluation and weight files work through it.
/// </summary>
/// <remarks>
/// Parameters are one contiguous vector: for each Dense layer in order, its weights <c>W</c> row-major
/// <c>[out, in]</c> (PyTorch <c>nn.Linear</c> layout), then its biases <c>b</c>. <see cref="Gradients"/> has the same layout.
/// Every method that takes spans checks their lengths and throws <see cref="ArgumentException"/> naming the expected
/// and actual lengths.
/// </remarks>
public interface INetwork
{
    /// <summary>The input vector length.</summary>
    int InputSize { get; }

    /// <summary>The output vector length (units of the last layer).</summary>
    int OutputSize { get; }

    /// <summary>The number of weights and biases.</summary>
    int ParameterCount { get; }

    /// <summary>The number of Dense layers.</summary>
    int LayerCount { get; }

    /// <summary>The declared shape: layers, activations, dropout and the resolved loss.</summary>
    NetworkArchitecture Architecture { get; }

    /// <summary>Every weight and bias, contiguous: <c>W1, b1, W2, b2, ...</c>, each <c>W</c> row-major <c>[out, in]</c>.</summary>
    Span<float> Parameters { get; }

    /// <summary>The accumulated gradient of the summed loss with respect to <see cref="Parameters"/>, in the same layout.</summary>
    Span<float> Gradients { get; }

    /// <summary>Inference on one example: no dropout, no allocation, safe to call from many threads at once.</summary>
    void Forward(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>The index of the largest output for <paramref name="input"/> (the first one on ties).</summary>
    int Classify(ReadOnlySpan<float> input);

    /// <summary>Inference on <paramref name="count"/> examples stored row after row.</summary>
    void ForwardBatch(ReadOnlySpan<float> inputs, Span<float> outputs, int count);

    /// <summary>Forward and backward pass on one example with dropout active; adds <c>dLoss/dParameters</c> to <see cref="Gradients"/> and returns the example's loss.</summary>
    float AccumulateGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> target);

    /// <summary>As <see cref="AccumulateGradients(ReadOnlySpan{float}, ReadOnlySpan{float})"/>, into a caller's buffer: safe to call from many threads at once, each with its own buffer.</summary>
    float AccumulateGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradients);

    /// <summary>Forward and backward on <paramref name="count"/> examples stored row after row; adds the summed gradients to <see cref="Gradients"/> and returns the summed loss.</summary>
    float AccumulateGradientsBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count);

    /// <summary>
    /// As <see cref="AccumulateGradientsBatch(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/>, into a caller's buffer and with
    /// explicit dropout randomness: example <c>j</c> draws its dropout mask from stream <c>dropoutStream + j</c>, a pure function
    /// of the network's seed and the stream number. Safe to call from many threads at once, each with its own buffer; this is
    /// what data-parallel training uses to stay bit-identical for a given seed and thread count.
    /// </summary>
    float AccumulateGradientsBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, Span<float> gradients, ulong dropoutStream);

    /// <summary>
    /// As <see cref="AccumulateGradientsBatch(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, ulong)"/>, and, unless
    /// <paramref name="outputs"/> is empty, writes each example's output from this training pass (dropout active, the
    /// parameters before the step) to it: what <c>Fit</c> scores training accuracy from, without a second forward pass.
    /// </summary>
    /// <param name="inputs">At least <c>count * InputSize</c> values.</param>
    /// <param name="targets">At least <c>count * OutputSize</c> values.</param>
    /// <param name="count">The number of examples; 0 or more.</param>
    /// <param name="gradients">Exactly <see cref="ParameterCount"/> values; the summed gradient is added to them.</param>
    /// <param name="dropoutStream">The first example's dropout stream.</param>
    /// <param name="outputs">Empty, or at least <c>count * OutputSize</c> values.</param>
    /// <returns>The sum of the examples' losses.</returns>
    float AccumulateGradientsBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, Span<float> gradients, ulong dropoutStream, Span<float> outputs);

    /// <summary>Sets every element of <see cref="Gradients"/> to 0.</summary>
    void ZeroGradients();

    /// <summary>One line per layer with shapes and parameter counts, like Keras <c>summary()</c>.</summary>
    string Summary();
}
