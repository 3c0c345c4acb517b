using System.Linq;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// Writes the .NET 8+ path of a layer's <c>z = W x + b</c> (inside <c>#if NET8_0_OR_GREATER</c>): <c>Vector256</c>
/// loads through <c>ref</c> arithmetic inside slices whose lengths were checked once, so there are no per-element bounds
/// checks, and weight rows taken eight at a time so that one transpose-add (<c>Simd256.Sums</c>) turns eight
/// accumulators into eight outputs with a single vector store. Short inputs are loaded into registers once per layer.
/// </summary>
internal static class Linear256Emitter
{
    private const int Lanes = 8;

    /// <summary>
    /// Inputs of at most this many vectors (32 floats) are held in registers for the whole layer: with 8 row
    /// accumulators that is 12 live vectors, within the 16 registers of AVX2, and the row loop becomes straight-line
    /// multiply-adds.
    /// </summary>
    private const int HoistedInputVectors = 4;

    /// <summary>Below one full vector per row the 256-bit path would be all tail; such layers keep the portable path.</summary>
    public static bool Applies(LayerModel layer) => layer.Inputs >= Lanes;

    /// <summary>Whether the layer's inputs are loaded into registers once per layer (so each row costs only its weights' loads).</summary>
    public static bool HoldsInputsInRegisters(LayerModel layer) => layer.Inputs / Lanes <= HoistedInputVectors;

    public static void Emit(IndentedTextWriter w, LayerModel layer)
    {
        int vectors = layer.Inputs / Lanes;
        bool hoisted = vectors <= HoistedInputVectors;
        int end8 = layer.Units - layer.Units % 8;
        int end4 = end8 + (layer.Units - end8) / 4 * 4;

        w.WriteDirective($"#if {TypeNames.Net8Symbol}");
        using (w.OpenBlock($"if ({TypeNames.Vector256Statics}.IsHardwareAccelerated)"))
        {
            w.WriteLine("z = z.Slice(0, Units);");
            w.WriteLine($"ref float weight = {TypeNames.RefTo("weights")};");
            w.WriteLine($"ref float bias = {TypeNames.RefTo("biases")};");
            w.WriteLine($"ref float source = {TypeNames.RefTo("x")};");
            w.WriteLine($"ref float target = {TypeNames.RefTo("z")};");
            if (hoisted)
            {
                for (int v = 0; v < vectors; v++)
                    w.WriteLine($"{TypeNames.Vector256} x{v} = {TypeNames.Load256("source", (v * Lanes).ToString())};");
            }

            if (end8 > 0)
            {
                using (w.OpenBlock($"for (int unit = 0; unit < {end8}; unit += 8)"))
                    EmitRows(w, layer, 8, hoisted);
            }

            if (end4 > end8)
            {
                using (w.OpenBlock())
                {
                    w.WriteLine($"const int unit = {end8};");
                    EmitRows(w, layer, 4, hoisted);
                }
            }

            if (layer.Units > end4)
            {
                using (w.OpenBlock($"for (int unit = {end4}; unit < Units; unit++)"))
                    EmitRows(w, layer, 1, hoisted);
            }

            w.WriteLine("return;");
        }

        w.WriteDirective("#endif");
    }

    private static void EmitRows(IndentedTextWriter w, LayerModel layer, int rows, bool hoisted)
    {
        int inputs = layer.Inputs, vectors = inputs / Lanes, fullEnd = vectors * Lanes;
        w.WriteLine($"ref float row = ref {TypeNames.Unsafe}.Add(ref weight, unit * Inputs);");
        if (hoisted)
        {
            for (int r = 0; r < rows; r++)
            {
                w.WriteLine($"{TypeNames.Vector256} sum{r} = {TypeNames.Load256("row", Offset(r, inputs, 0))} * x0;");
                for (int v = 1; v < vectors; v++)
                    w.WriteLine($"sum{r} = {TypeNames.Simd256}.MultiplyAdd({TypeNames.Load256("row", Offset(r, inputs, v * Lanes))}, x{v}, sum{r});");
            }
        }
        else
        {
            for (int r = 0; r < rows; r++) w.WriteLine($"{TypeNames.Vector256} sum{r} = {TypeNames.Vector256}.Zero;");
            using (w.OpenBlock($"for (int k = 0; k < {fullEnd}; k += {Lanes})"))
            {
                w.WriteLine($"{TypeNames.Vector256} input = {TypeNames.Load256("source", "k")};");
                for (int r = 0; r < rows; r++)
                    w.WriteLine($"sum{r} = {TypeNames.Simd256}.MultiplyAdd({TypeNames.Load256("row", r == 0 ? "k" : $"k + {r * inputs}")}, input, sum{r});");
            }
        }

        string sums = string.Join(", ", Enumerable.Range(0, rows).Select(r => $"sum{r}"));
        switch (rows)
        {
            case 8:
                w.WriteLine($"{TypeNames.Vector256Statics}.StoreUnsafe({TypeNames.Simd256}.Sums({sums}) + {TypeNames.Load256("bias", "unit")}, ref target, (nuint)unit);");
                break;
            case 4:
                w.WriteLine($"{TypeNames.Vector128Statics}.StoreUnsafe({TypeNames.Simd256}.Sums({sums}) + {TypeNames.Vector128Statics}.LoadUnsafe(ref bias, (nuint)unit), ref target, (nuint)unit);");
                break;
            default:
                w.WriteLine($"{TypeNames.Unsafe}.Add(ref target, unit) = {TypeNames.Vector256Statics}.Sum(sum0) + {TypeNames.Unsafe}.Add(ref bias, unit);");
                break;
        }

        if (fullEnd < inputs)
        {
            using (w.OpenBlock($"for (int i = {fullEnd}; i < Inputs; i++)"))
            {
                w.WriteLine($"float input = {TypeNames.Unsafe}.Add(ref source, i);");
                for (int r = 0; r < rows; r++)
                    w.WriteLine($"{TypeNames.Unsafe}.Add(ref target, {(r == 0 ? "unit" : $"unit + {r}")}) += {TypeNames.Unsafe}.Add(ref row, {(r == 0 ? "i" : $"{r * inputs} + i")}) * input;");
            }
        }
    }

    private static string Offset(int row, int inputs, int column) => (row * inputs + column).ToString();
}
