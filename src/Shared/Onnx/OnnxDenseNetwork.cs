using System.Collections.Generic;

namespace NetGen.Onnx
{
    /// <summary>One Dense layer read from an ONNX graph, in NetGen's layout.</summary>
    internal sealed class OnnxDenseLayer
    {
        public OnnxDenseLayer(int inputs, int units, float[] weights, string source)
        {
            Inputs = inputs;
            Units = units;
            Weights = weights;
            Bias = new float[units];
            Source = source;
        }

        public int Inputs { get; }

        public int Units { get; }

        /// <summary>Row-major <c>[Units, Inputs]</c>, as <c>nn.Linear</c> and NetGen store them.</summary>
        public float[] Weights { get; }

        /// <summary>The biases (zero when the graph has none for this layer).</summary>
        public float[] Bias { get; }

        /// <summary>Whether a bias has been added (a second one is not a dense layer).</summary>
        public bool HasBias { get; set; }

        /// <summary>The activation's name as NetGen's <c>Activation</c> enum spells it; <c>Identity</c> until one is read.</summary>
        public string Activation { get; set; } = "Identity";

        /// <summary>Whether an activation node has been read for this layer.</summary>
        public bool HasActivation { get; set; }

        /// <summary>LeakyRelu's slope or Elu's alpha; 0 for the others.</summary>
        public float Alpha { get; set; }

        /// <summary>The node that made the layer, for error messages, e.g. <c>node 0 (Gemm '/0/Gemm')</c>.</summary>
        public string Source { get; }
    }

    /// <summary>The dense chain an ONNX graph computes: an optional standardizer, then the layers.</summary>
    internal sealed class OnnxDenseNetwork
    {
        public List<OnnxDenseLayer> Layers { get; } = new();

        /// <summary>The means of leading <c>Sub</c>/<c>Div</c> standardization nodes, or null.</summary>
        public float[]? StandardizerMeans { get; set; }

        /// <summary>The divisors of those nodes, or null.</summary>
        public float[]? StandardizerStds { get; set; }

        /// <summary>The last standardization node read (<see cref="OnnxNode.Describe"/>), for messages about the standardizer.</summary>
        public string StandardizerSource { get; set; } = "";

        public Dictionary<string, string> Metadata { get; set; } = new();
    }
}
