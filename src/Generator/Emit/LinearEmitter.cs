using System.Collections.Generic;
using System.Text;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// Writes each layer's <c>z = W x + b</c>. Straight-line code for tiny layers; for the rest the .NET 8+ kernel of
/// <see cref="Linear256Emitter"/> (under <c>#if NET8_0_OR_GREATER</c>), then a <c>Vector&lt;float&gt;</c> kernel for
/// netstandard2.1 consumers that works on <see cref="RowBlock"/> weight rows at once (each input vector is loaded once
/// and reused for all of them), then a plain scalar loop for runtimes without SIMD. The JIT folds the
/// <c>IsHardwareAccelerated</c> tests, so only one path survives in the machine code.
/// </summary>
internal static class LinearEmitter
{
    /// <summary>Rows per block: four independent accumulators hide the add latency and reuse each input load four times.</summary>
    public const int RowBlock = 4;

    /// <summary>
    /// Layers with at most this many weights are written as straight-line code: for them the vector kernel would spend
    /// its time in scalar tails and horizontal sums rather than in full-width multiply-adds. Measured (BenchmarkDotNet,
    /// this 2-core Zen 5 machine): unrolling every layer of 16-32-32-4 up to 1024 weights made Forward 519 ns against
    /// 256 ns vectorised, so only layers far below one vector per row (the lecture's 3-3-1) are unrolled.
    /// </summary>
    public const int UnrollLimit = 64;

    public static bool IsUnrolled(LayerModel layer) =>
        layer.WeightCount <= UnrollLimit || !Linear256Emitter.Applies(layer) && layer.WeightCount <= ShortRowUnrollLimit;

    /// <summary>
    /// Layers whose rows are shorter than one 256-bit vector (<see cref="Linear256Emitter.Applies"/> is false) are
    /// straight-line code up to this many weights (under ~130 source lines a layer): the vector kernels have nothing but
    /// scalar tails and horizontal sums of zeros to run on such rows. Measured (BenchmarkDotNet ShortInputBenchmarks,
    /// 6-32-32-4 tanh/softmax, the GameAgent policy's shape): Forward 191.7 ns with the 6-input layer in the vector
    /// kernel, 148.6 ns with it straight-line.
    /// </summary>
    public const int ShortRowUnrollLimit = 1024;

    public static void Emit(IndentedTextWriter w, LayerModel layer)
    {
        w.WriteLine($"/// <summary>Layer {layer.Index}, {LayerNames.Describe(layer)}: <c>z = W x + b</c>.</summary>");
        using (w.OpenBlock($"public static void {LayerNames.Linear(layer)}({TypeNames.ReadOnlySpan} parameters, {TypeNames.ReadOnlySpan} x, {TypeNames.Span} z)"))
        {
            WriteSlices(w, layer);
            if (IsUnrolled(layer))
            {
                EmitUnrolled(w, layer);
            }
            else
            {
                if (Linear256Emitter.Applies(layer)) Linear256Emitter.Emit(w, layer);
                using (w.OpenBlock($"if ({TypeNames.VectorStatics}.IsHardwareAccelerated)")) EmitVectorised(w, layer);
                using (w.OpenBlock("else")) EmitScalar(w, layer);
            }
        }

        w.WriteLine();
    }

    /// <summary>Slices with constant lengths: one check each up front, and the JIT learns every bound it needs.</summary>
    internal static void WriteSlices(IndentedTextWriter w, LayerModel layer)
    {
        w.WriteLine($"const int Inputs = {layer.Inputs}, Units = {layer.Units};");
        w.WriteLine($"{TypeNames.ReadOnlySpan} weights = parameters.Slice({layer.ParameterOffset}, Units * Inputs);");
        w.WriteLine($"{TypeNames.ReadOnlySpan} biases = parameters.Slice({layer.BiasOffset}, Units);");
        w.WriteLine("x = x.Slice(0, Inputs);");
    }

    private static void EmitUnrolled(IndentedTextWriter w, LayerModel layer)
    {
        w.WriteLine("z = z.Slice(0, Units);");
        for (int unit = 0; unit < layer.Units; unit++)
        {
            var line = new StringBuilder($"z[{unit}] = biases[{unit}]");
            for (int i = 0; i < layer.Inputs; i++)
                line.Append($" + weights[{unit * layer.Inputs + i}] * x[{i}]");
            w.WriteLine(line.Append(';').ToString());
        }
    }

    private static void EmitVectorised(IndentedTextWriter w, LayerModel layer)
    {
        int blockEnd = layer.Units - layer.Units % RowBlock;
        w.WriteLine($"{TypeNames.ReadOnlyVectorSpan} inputVectors = {TypeNames.CastToVectors("x")};");
        w.WriteLine($"int tail = inputVectors.Length * {TypeNames.Vector}.Count;");
        if (blockEnd > 0)
        {
            using (w.OpenBlock($"for (int unit = 0; unit < {blockEnd}; unit += {RowBlock})"))
                EmitRowBlock(w, RowBlock);
        }

        if (blockEnd < layer.Units)
        {
            using (w.OpenBlock($"for (int unit = {blockEnd}; unit < Units; unit++)"))
                EmitRowBlock(w, 1);
        }
    }

    private static void EmitRowBlock(IndentedTextWriter w, int rows)
    {
        IEnumerable<int> r = Range(rows);
        foreach (int i in r)
            w.WriteLine($"{TypeNames.ReadOnlyVectorSpan} row{i} = {TypeNames.CastToVectors($"weights.Slice({Unit(i)} * Inputs, Inputs)")};");
        foreach (int i in r)
            w.WriteLine($"{TypeNames.Vector} sum{i} = {TypeNames.Vector}.Zero;");
        using (w.OpenBlock("for (int k = 0; k < inputVectors.Length; k++)"))
        {
            w.WriteLine($"{TypeNames.Vector} input = inputVectors[k];");
            foreach (int i in r) w.WriteLine($"sum{i} += row{i}[k] * input;");
        }

        foreach (int i in r)
            w.WriteLine($"float z{i} = {TypeNames.VectorStatics}.Dot(sum{i}, {TypeNames.Vector}.One) + biases[{Unit(i)}];");
        using (w.OpenBlock("for (int i = tail; i < Inputs; i++)"))
        {
            w.WriteLine("float input = x[i];");
            foreach (int i in r) w.WriteLine($"z{i} += weights[{Unit(i)} * Inputs + i] * input;");
        }

        foreach (int i in r) w.WriteLine($"z[{Unit(i)}] = z{i};");
    }

    private static void EmitScalar(IndentedTextWriter w, LayerModel layer)
    {
        using (w.OpenBlock("for (int unit = 0; unit < Units; unit++)"))
        {
            w.WriteLine($"{TypeNames.ReadOnlySpan} row = weights.Slice(unit * Inputs, Inputs);");
            w.WriteLine("float sum = biases[unit];");
            w.WriteLine("for (int i = 0; i < Inputs; i++) sum += row[i] * x[i];");
            w.WriteLine("z[unit] = sum;");
        }
    }

    private static string Unit(int offset) => offset == 0 ? "unit" : $"(unit + {offset})";

    internal static IEnumerable<int> Range(int count)
    {
        var list = new List<int>(count);
        for (int i = 0; i < count; i++) list.Add(i);
        return list;
    }
}
