using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetGen.Safetensors
{
    /// <summary>
    /// Matches the tensors of a parsed safetensors header to a network's layers, shared by the runtime's <c>Load</c> and
    /// the generator's <c>[EmbeddedWeights]</c> so both accept exactly the same files. It knows layers only as lists of
    /// named tensors (<see cref="SafetensorsLayerSpec"/>), so a new layer kind needs nothing here.
    /// </summary>
    /// <remarks>
    /// NetGen's own names are <c>layers.{i}.{name}</c> (<c>layers.0.weight</c>, <c>layers.0.bias</c>) for i from 0. When
    /// they are not all present, the file is read as a PyTorch state dict: every tensor must be <c>{stem}{n}.{name}</c>
    /// with one common stem (empty for a bare <c>nn.Sequential</c>, e.g. <c>0.weight</c>, <c>2.weight</c>; <c>net.</c> or
    /// <c>layers.</c> for a module holding one), and the groups are taken in numeric order of n. Either way every layer
    /// needs all its tensors, dtype F32, and any tensor left over is an error: a file with more or different tensors than
    /// the network is not this network's file.
    /// </remarks>
    internal static class SafetensorsLayerResolver
    {
        /// <summary>The prefix of NetGen's own tensor names.</summary>
        public const string CanonicalPrefix = "layers.";

        /// <summary>NetGen's file name of tensor <paramref name="tensor"/> of layer <paramref name="layer"/>: <c>layers.{layer}.{tensor}</c>.</summary>
        public static string TensorName(int layer, string tensor) => CanonicalPrefix + layer.ToString(CultureInfo.InvariantCulture) + "." + tensor;

        public static string WeightName(int layer) => TensorName(layer, "weight");

        public static string BiasName(int layer) => TensorName(layer, "bias");

        /// <summary>Finds and checks each Dense layer's weight and bias, given as (inputs, units).</summary>
        public static SafetensorsError? Resolve(SafetensorsHeader header, IReadOnlyList<(int Inputs, int Units)> layerShapes, out SafetensorsLayerTensors[] layers, out bool usedPyTorchNames)
        {
            var specs = new List<SafetensorsLayerSpec>(layerShapes.Count);
            foreach ((int inputs, int units) in layerShapes) specs.Add(SafetensorsLayerSpec.Dense(inputs, units));
            return Resolve(header, specs, out layers, out usedPyTorchNames);
        }

        /// <summary>Finds and checks each layer's tensors.</summary>
        /// <param name="header">The parsed header.</param>
        /// <param name="specs">Per layer, the tensors it expects.</param>
        /// <param name="layers">On success, one entry per layer, its tensors in the spec's order.</param>
        /// <param name="usedPyTorchNames">Whether the PyTorch naming fallback was used.</param>
        public static SafetensorsError? Resolve(SafetensorsHeader header, IReadOnlyList<SafetensorsLayerSpec> specs, out SafetensorsLayerTensors[] layers, out bool usedPyTorchNames)
        {
            layers = Array.Empty<SafetensorsLayerTensors>();
            usedPyTorchNames = false;
            for (int i = 0; i < specs.Count && !usedPyTorchNames; i++)
                foreach ((string name, _) in specs[i].Tensors)
                    usedPyTorchNames |= header.Find(TensorName(i, name)) is null;

            var groups = new List<Dictionary<string, string>>(specs.Count);
            SafetensorsError? error = usedPyTorchNames ? PyTorchGroups(header, specs, groups) : CanonicalGroups(header, specs, groups);
            if (error is not null) return error;

            if (groups.Count != specs.Count)
            {
                // Only the PyTorch path can disagree here: the canonical one asks for exactly the network's layers.
                var firsts = groups.ConvertAll(g => FirstName(g, specs));
                string found = $"the file holds {groups.Count} {GroupNoun(specs)} ({string.Join(", ", firsts)}) but the network has {specs.Count} {LayersNoun(specs)}";
                return groups.Count < specs.Count
                    ? new SafetensorsError(SafetensorsErrorKind.MissingTensor, found, -1)
                    : new SafetensorsError(SafetensorsErrorKind.ExtraTensor, found, header.Find(firsts[specs.Count])!.HeaderOffset, firsts[specs.Count]);
            }

            layers = new SafetensorsLayerTensors[specs.Count];
            for (int i = 0; i < specs.Count; i++)
            {
                var tensors = new SafetensorsTensorInfo[specs[i].Tensors.Count];
                for (int t = 0; t < tensors.Length; t++)
                {
                    (string name, long[] shape) = specs[i].Tensors[t];
                    if (!groups[i].TryGetValue(name, out string? fileName))
                        return new SafetensorsError(SafetensorsErrorKind.MissingTensor,
                            $"{specs[i].Kind} layer {i} needs a '{name}' tensor, which the file's group {FirstName(groups[i], specs)} does not have", -1);
                    tensors[t] = header.Find(fileName)!;
                    error = CheckTensor(tensors[t], shape, specs[i].Kind, i);
                    if (error is not null) return error;
                }

                if (groups[i].Count != tensors.Length)
                {
                    foreach (KeyValuePair<string, string> extra in groups[i])
                        if (!Contains(specs[i], extra.Key))
                            return new SafetensorsError(SafetensorsErrorKind.ExtraTensor,
                                $"tensor '{extra.Value}' does not belong to {specs[i].Kind} layer {i}", header.Find(extra.Value)!.HeaderOffset, extra.Value);
                }

                layers[i] = new SafetensorsLayerTensors(tensors);
            }

            return null;
        }

        private static SafetensorsError? CanonicalGroups(SafetensorsHeader header, IReadOnlyList<SafetensorsLayerSpec> specs, List<Dictionary<string, string>> groups)
        {
            var expected = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < specs.Count; i++)
            {
                // Resolve checked that every canonical name is present before choosing this path.
                var group = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach ((string name, _) in specs[i].Tensors)
                {
                    string fileName = TensorName(i, name);
                    expected.Add(fileName);
                    group[name] = fileName;
                }

                groups.Add(group);
            }

            foreach (SafetensorsTensorInfo t in header.Tensors)
                if (!expected.Contains(t.Name))
                    return new SafetensorsError(SafetensorsErrorKind.ExtraTensor,
                        $"tensor '{t.Name}' does not belong to the network, which has tensors layers.0 to layers.{specs.Count - 1} ({string.Join(" and ", TensorNames(specs))})", t.HeaderOffset, t.Name);
            return null;
        }

        private static SafetensorsError? PyTorchGroups(SafetensorsHeader header, IReadOnlyList<SafetensorsLayerSpec> specs, List<Dictionary<string, string>> groups)
        {
            List<string> known = TensorNames(specs);
            string? stem = null;
            var byIndex = new SortedDictionary<long, Dictionary<string, string>>();
            foreach (SafetensorsTensorInfo t in header.Tensors)
            {
                if (!TrySplitPyTorchName(t.Name, known, out string tStem, out long index, out string tensor))
                    return new SafetensorsError(SafetensorsErrorKind.ExtraTensor,
                        $"tensor '{t.Name}' is neither a NetGen name (layers.{{i}}.{string.Join(" / layers.{i}.", known)}) nor a PyTorch nn.Sequential name ({{n}}.{string.Join(" / {n}.", known)})", t.HeaderOffset, t.Name);
                if (stem is null) stem = tStem;
                else if (stem != tStem)
                    return new SafetensorsError(SafetensorsErrorKind.ExtraTensor,
                        $"tensor '{t.Name}' has prefix '{tStem}' but other tensors have '{stem}'; the layers of one nn.Sequential share a prefix", t.HeaderOffset, t.Name);
                if (!byIndex.TryGetValue(index, out Dictionary<string, string>? group)) byIndex[index] = group = new Dictionary<string, string>(StringComparer.Ordinal);
                group[tensor] = t.Name;
            }

            int layer = 0;
            foreach (KeyValuePair<long, Dictionary<string, string>> g in byIndex)
            {
                // A group is checked against its layer's tensor names; groups beyond the network's layers are counted by Resolve.
                SafetensorsLayerSpec spec = specs[Math.Min(layer, specs.Count - 1)];
                string n = stem + g.Key.ToString(CultureInfo.InvariantCulture);
                foreach ((string name, _) in spec.Tensors)
                {
                    if (g.Value.ContainsKey(name)) continue;
                    string present = string.Join("', '", g.Value.Keys.Select(k => n + "." + k));
                    string hint = name == "bias" ? "; NetGen layers always have biases, so save nn.Linear with bias=True" : "";
                    return new SafetensorsError(SafetensorsErrorKind.MissingTensor, $"tensor '{n}.{name}' is missing ('{present}' is present{hint})", -1, n + "." + name);
                }

                groups.Add(g.Value);
                layer++;
            }

            return null;
        }

        /// <summary>Splits <c>{stem}{n}.{tensor}</c>, where the stem is empty or ends with '.', and tensor is one the network has.</summary>
        private static bool TrySplitPyTorchName(string name, List<string> known, out string stem, out long index, out string tensor)
        {
            stem = "";
            index = 0;
            tensor = "";
            int dot = name.LastIndexOf('.');
            if (dot < 0 || !known.Contains(name.Substring(dot + 1))) return false;
            tensor = name.Substring(dot + 1);
            int end = dot, start = end;
            while (start > 0 && name[start - 1] >= '0' && name[start - 1] <= '9') start--;
            int digits = end - start;
            if (digits == 0 || digits > 9 || (start > 0 && name[start - 1] != '.')) return false;
            if (digits > 1 && name[start] == '0') return false;
            for (int i = start; i < end; i++) index = index * 10 + (name[i] - '0');
            stem = name.Substring(0, start);
            return true;
        }

        private static SafetensorsError? CheckTensor(SafetensorsTensorInfo t, long[] expectedShape, string kind, int layer)
        {
            if (t.DType != "F32")
                return new SafetensorsError(SafetensorsErrorKind.WrongDType, $"tensor '{t.Name}' has dtype {t.DType}; NetGen needs F32 (save with tensor.float())", t.HeaderOffset, t.Name);
            bool same = t.Shape.Length == expectedShape.Length;
            for (int i = 0; same && i < expectedShape.Length; i++) same = t.Shape[i] == expectedShape[i];
            if (!same)
                return new SafetensorsError(SafetensorsErrorKind.WrongShape,
                    $"tensor '{t.Name}' has shape {t.ShapeText}; {kind} layer {layer} needs {SafetensorsTensorInfo.FormatShape(expectedShape)}", t.HeaderOffset, t.Name);
            return null;
        }

        /// <summary>Every tensor name any layer has, in first-seen order: <c>weight</c>, <c>bias</c> for Dense networks.</summary>
        private static List<string> TensorNames(IReadOnlyList<SafetensorsLayerSpec> specs)
        {
            var names = new List<string>();
            foreach (SafetensorsLayerSpec spec in specs)
                foreach ((string name, _) in spec.Tensors)
                    if (!names.Contains(name)) names.Add(name);
            return names;
        }

        private static bool Contains(SafetensorsLayerSpec spec, string name)
        {
            foreach ((string n, _) in spec.Tensors)
                if (n == name) return true;
            return false;
        }

        /// <summary>The file name of a group's first tensor in the layers' order (its weight, for Dense layers).</summary>
        private static string FirstName(Dictionary<string, string> group, IReadOnlyList<SafetensorsLayerSpec> specs)
        {
            foreach (string name in TensorNames(specs))
                if (group.TryGetValue(name, out string? fileName)) return fileName;
            return group.Values.First();
        }

        /// <summary>"weight/bias pairs" for Dense networks; "groups of tensors" once layers differ.</summary>
        private static string GroupNoun(IReadOnlyList<SafetensorsLayerSpec> specs)
        {
            List<string> names = TensorNames(specs);
            return names.Count == 2 ? string.Join("/", names) + " pairs" : "groups of tensors";
        }

        private static string LayersNoun(IReadOnlyList<SafetensorsLayerSpec> specs)
        {
            foreach (SafetensorsLayerSpec spec in specs)
                if (spec.Kind != specs[0].Kind) return "layers";
            return specs[0].Kind + " layers";
        }
    }
}
