using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen.Safetensors
{
    /// <summary>
    /// Matches the tensors of a parsed safetensors header to a network's Dense layers, shared by the runtime's
    /// <c>Load</c> and the generator's <c>[EmbeddedWeights]</c> so both accept exactly the same files.
    /// </summary>
    /// <remarks>
    /// NetGen's own names are <c>layers.{i}.weight</c> and <c>layers.{i}.bias</c> for i from 0. When they are not all
    /// present, the file is read as a PyTorch state dict: every tensor must be <c>{stem}{n}.weight</c> or
    /// <c>{stem}{n}.bias</c> with one common stem (empty for a bare <c>nn.Sequential</c>, e.g. <c>0.weight</c>,
    /// <c>2.weight</c>; <c>net.</c> or <c>layers.</c> for a module holding one), and the pairs are taken in numeric
    /// order of n. Either way every layer needs both tensors, dtype F32, and any tensor left over is an error: a file
    /// with more or different tensors than the network is not this network's file.
    /// </remarks>
    internal static class SafetensorsLayerResolver
    {
        /// <summary>The prefix of NetGen's own tensor names.</summary>
        public const string CanonicalPrefix = "layers.";

        public static string WeightName(int layer) => CanonicalPrefix + layer.ToString(CultureInfo.InvariantCulture) + ".weight";

        public static string BiasName(int layer) => CanonicalPrefix + layer.ToString(CultureInfo.InvariantCulture) + ".bias";

        /// <summary>Finds and checks each layer's tensors.</summary>
        /// <param name="header">The parsed header.</param>
        /// <param name="layerShapes">Per Dense layer, its (inputs, units).</param>
        /// <param name="layers">On success, one entry per layer.</param>
        /// <param name="usedPyTorchNames">Whether the PyTorch naming fallback was used.</param>
        public static SafetensorsError? Resolve(SafetensorsHeader header, IReadOnlyList<(int Inputs, int Units)> layerShapes, out SafetensorsLayerTensors[] layers, out bool usedPyTorchNames)
        {
            layers = Array.Empty<SafetensorsLayerTensors>();
            usedPyTorchNames = false;
            for (int i = 0; i < layerShapes.Count && !usedPyTorchNames; i++)
                usedPyTorchNames = header.Find(WeightName(i)) is null || header.Find(BiasName(i)) is null;

            var pairs = new List<(string Weight, string Bias)>(layerShapes.Count);
            SafetensorsError? error = usedPyTorchNames ? PyTorchPairs(header, pairs) : CanonicalPairs(header, layerShapes.Count, pairs);
            if (error is not null) return error;

            if (pairs.Count != layerShapes.Count)
            {
                // Only the PyTorch path can disagree here: the canonical one asks for exactly the network's layers.
                string found = $"the file holds {pairs.Count} weight/bias pairs ({string.Join(", ", pairs.ConvertAll(p => p.Weight))}) but the network has {layerShapes.Count} Dense layers";
                return pairs.Count < layerShapes.Count
                    ? new SafetensorsError(SafetensorsErrorKind.MissingTensor, found, -1)
                    : new SafetensorsError(SafetensorsErrorKind.ExtraTensor, found, header.Find(pairs[layerShapes.Count].Weight)!.HeaderOffset, pairs[layerShapes.Count].Weight);
            }

            layers = new SafetensorsLayerTensors[layerShapes.Count];
            for (int i = 0; i < layerShapes.Count; i++)
            {
                SafetensorsTensorInfo weight = header.Find(pairs[i].Weight)!, bias = header.Find(pairs[i].Bias)!;
                error = CheckTensor(weight, new long[] { layerShapes[i].Units, layerShapes[i].Inputs }, i)
                        ?? CheckTensor(bias, new long[] { layerShapes[i].Units }, i);
                if (error is not null) return error;
                layers[i] = new SafetensorsLayerTensors(weight, bias);
            }

            return null;
        }

        private static SafetensorsError? CanonicalPairs(SafetensorsHeader header, int layerCount, List<(string, string)> pairs)
        {
            var expected = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < layerCount; i++)
            {
                // Resolve checked that every canonical name is present before choosing this path.
                string w = WeightName(i), b = BiasName(i);
                expected.Add(w);
                expected.Add(b);
                pairs.Add((w, b));
            }

            foreach (SafetensorsTensorInfo t in header.Tensors)
                if (!expected.Contains(t.Name))
                    return new SafetensorsError(SafetensorsErrorKind.ExtraTensor,
                        $"tensor '{t.Name}' does not belong to the network, which has tensors layers.0 to layers.{layerCount - 1} (weight and bias)", t.HeaderOffset, t.Name);
            return null;
        }

        private static SafetensorsError? PyTorchPairs(SafetensorsHeader header, List<(string, string)> pairs)
        {
            string? stem = null;
            var groups = new SortedDictionary<long, (string? Weight, string? Bias)>();
            foreach (SafetensorsTensorInfo t in header.Tensors)
            {
                if (!TrySplitPyTorchName(t.Name, out string tStem, out long index, out bool isWeight))
                    return new SafetensorsError(SafetensorsErrorKind.ExtraTensor,
                        $"tensor '{t.Name}' is neither a NetGen name (layers.{{i}}.weight / layers.{{i}}.bias) nor a PyTorch nn.Sequential name ({{n}}.weight / {{n}}.bias)", t.HeaderOffset, t.Name);
                if (stem is null) stem = tStem;
                else if (stem != tStem)
                    return new SafetensorsError(SafetensorsErrorKind.ExtraTensor,
                        $"tensor '{t.Name}' has prefix '{tStem}' but other tensors have '{stem}'; the layers of one nn.Sequential share a prefix", t.HeaderOffset, t.Name);
                groups.TryGetValue(index, out (string? Weight, string? Bias) g);
                groups[index] = isWeight ? (t.Name, g.Bias) : (g.Weight, t.Name);
            }

            foreach (KeyValuePair<long, (string? Weight, string? Bias)> g in groups)
            {
                string n = stem + g.Key.ToString(CultureInfo.InvariantCulture);
                if (g.Value.Weight is null)
                    return new SafetensorsError(SafetensorsErrorKind.MissingTensor, $"tensor '{n}.weight' is missing ('{n}.bias' is present)", -1, n + ".weight");
                if (g.Value.Bias is null)
                    return new SafetensorsError(SafetensorsErrorKind.MissingTensor,
                        $"tensor '{n}.bias' is missing ('{n}.weight' is present; NetGen layers always have biases, so save nn.Linear with bias=True)", -1, n + ".bias");
                pairs.Add((g.Value.Weight, g.Value.Bias));
            }

            return null;
        }

        /// <summary>Splits <c>{stem}{n}.weight</c> / <c>{stem}{n}.bias</c>, where the stem is empty or ends with '.'.</summary>
        private static bool TrySplitPyTorchName(string name, out string stem, out long index, out bool isWeight)
        {
            stem = "";
            index = 0;
            isWeight = name.EndsWith(".weight", StringComparison.Ordinal);
            int suffix = isWeight ? ".weight".Length : name.EndsWith(".bias", StringComparison.Ordinal) ? ".bias".Length : 0;
            if (suffix == 0) return false;
            int end = name.Length - suffix, start = end;
            while (start > 0 && name[start - 1] >= '0' && name[start - 1] <= '9') start--;
            int digits = end - start;
            if (digits == 0 || digits > 9 || (start > 0 && name[start - 1] != '.')) return false;
            if (digits > 1 && name[start] == '0') return false;
            for (int i = start; i < end; i++) index = index * 10 + (name[i] - '0');
            stem = name.Substring(0, start);
            return true;
        }

        private static SafetensorsError? CheckTensor(SafetensorsTensorInfo t, long[] expectedShape, int layer)
        {
            if (t.DType != "F32")
                return new SafetensorsError(SafetensorsErrorKind.WrongDType, $"tensor '{t.Name}' has dtype {t.DType}; NetGen needs F32 (save with tensor.float())", t.HeaderOffset, t.Name);
            bool same = t.Shape.Length == expectedShape.Length;
            for (int i = 0; same && i < expectedShape.Length; i++) same = t.Shape[i] == expectedShape[i];
            if (!same)
                return new SafetensorsError(SafetensorsErrorKind.WrongShape,
                    $"tensor '{t.Name}' has shape {t.ShapeText}; Dense layer {layer} needs {SafetensorsTensorInfo.FormatShape(expectedShape)}", t.HeaderOffset, t.Name);
            return null;
        }
    }
}
