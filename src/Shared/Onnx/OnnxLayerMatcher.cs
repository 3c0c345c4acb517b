using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetGen.Onnx
{
    /// <summary>One declared Dense layer as the matcher sees it, the same for the runtime's LayerInfo and the generator's Dense nodes (with the activation that follows each).</summary>
    internal readonly struct DeclaredLayer
    {
        public DeclaredLayer(int inputs, int units, string activation, float alpha)
        {
            Inputs = inputs;
            Units = units;
            Activation = activation;
            Alpha = alpha;
        }

        public int Inputs { get; }

        public int Units { get; }

        /// <summary>The activation's enum name, e.g. <c>LeakyRelu</c>.</summary>
        public string Activation { get; }

        public float Alpha { get; }
    }

    /// <summary>Checks the layers read from an ONNX graph against the declared network: count, shapes, activations and alphas.</summary>
    internal static class OnnxLayerMatcher
    {
        public static OnnxError? Match(OnnxDenseNetwork network, IReadOnlyList<DeclaredLayer> declared)
        {
            List<OnnxDenseLayer> layers = network.Layers;
            if (layers.Count != declared.Count)
            {
                // The reader refuses a graph without layers, so there is a last one to name (the generator rebuilds the list, offsets and all, from its pipeline model).
                string last = layers.Count > 0 ? $", the last from {layers[layers.Count - 1].Source}" : "";
                string found = $"the graph holds {layers.Count} Dense layers ({Describe(layers)}{last}) but the network declares {declared.Count}";
                return new OnnxError(layers.Count < declared.Count ? OnnxErrorKind.MissingLayer : OnnxErrorKind.ExtraLayer, found);
            }

            for (int i = 0; i < layers.Count; i++)
            {
                OnnxDenseLayer layer = layers[i];
                DeclaredLayer expected = declared[i];
                if (layer.Units != expected.Units || layer.Inputs != expected.Inputs)
                    return new OnnxError(OnnxErrorKind.WrongShape,
                        $"{layer.Source} has weights [{layer.Units}, {layer.Inputs}] (units, inputs); Dense layer {i} needs [{expected.Units}, {expected.Inputs}]");
                bool hasAlpha = layer.Activation is "LeakyRelu" or "Elu";
                if (layer.Activation != expected.Activation || (hasAlpha && !layer.Alpha.Equals(expected.Alpha)))
                    return new OnnxError(OnnxErrorKind.WrongActivation,
                        $"Dense layer {i} ({layer.Source}) applies {Format(layer.Activation, hasAlpha ? layer.Alpha : 0)} but the network declares {Format(expected.Activation, hasAlpha || expected.Activation is "LeakyRelu" or "Elu" ? expected.Alpha : 0)}");
            }

            return null;
        }

        private static string Describe(List<OnnxDenseLayer> layers) =>
            layers.Count == 0 ? "none" : layers[0].Inputs.ToString(CultureInfo.InvariantCulture) + "-" + string.Join("-", layers.Select(l => l.Units.ToString(CultureInfo.InvariantCulture) + "(" + l.Activation + ")"));

        private static string Format(string activation, float alpha) =>
            alpha != 0 ? activation + "(alpha " + alpha.ToString("R", CultureInfo.InvariantCulture) + ")" : activation;
    }
}
