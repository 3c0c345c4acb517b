using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetGen.Onnx
{
    /// <summary>
    /// Reads the dense network an ONNX graph computes, shared by the runtime's <c>Load</c> and the generator's
    /// <c>[EmbeddedWeights]</c> so both accept exactly the same files.
    /// </summary>
    /// <remarks>
    /// <para>The graph must be one chain from its single input to a graph output, made of the shapes exporters write for
    /// dense networks: <c>Gemm</c> (optionally <c>transB</c>, <c>alpha</c>, <c>beta</c>; torch.onnx.export),
    /// <c>MatMul</c> + <c>Add</c> (skl2onnx, tf2onnx, the dynamo exporter), one activation per layer (<c>Relu</c>,
    /// <c>LeakyRelu</c>, <c>Elu</c>, <c>Selu</c>, <c>Sigmoid</c>, <c>Tanh</c>, <c>Softsign</c>, <c>Softmax</c> on the last axis), and the
    /// no-ops <c>Identity</c>, <c>Flatten</c> (axis 1 of a 2-D tensor) and <c>Dropout</c> (inference). A leading
    /// <c>Sub</c>/<c>Div</c> by constants is a standardizer. Weights come from initializers or <c>Constant</c> nodes.</para>
    /// <para>Classifier heads that consume the chain but never feed it (<c>ArgMax</c>, <c>ArrayFeatureExtractor</c>,
    /// <c>Cast</c>, <c>Reshape</c>, <c>ZipMap</c>: skl2onnx's label and dictionary outputs) are passed over. Every other
    /// operator is refused by name, and so is anything that would make the chain branch, so a graph is never mis-read.</para>
    /// </remarks>
    internal static class OnnxDenseReader
    {
        private static readonly HashSet<string> HeadOperators = new(StringComparer.Ordinal) { "ArgMax", "ArrayFeatureExtractor", "Cast", "Reshape", "ZipMap" };

        private static readonly HashSet<string> Activations = new(StringComparer.Ordinal) { "Relu", "LeakyRelu", "Elu", "Selu", "Sigmoid", "Tanh", "Softmax", "Softsign" };

        private const string SupportedList = "Gemm, MatMul, Add, Relu, LeakyRelu, Elu, Selu, Sigmoid, Tanh, Softmax, Softsign, Identity, Flatten, Dropout, Constant, and a leading Sub/Div";

        // Selu's published constants, the defaults of ONNX's Selu attributes.
        private const double SeluAlpha = 1.6732632423543772848170429916717;
        private const double SeluGamma = 1.0507009873554804934193349852946;

        /// <summary>Parses and reads a whole ONNX file; returns null and sets <paramref name="error"/> on any problem.</summary>
        public static OnnxDenseNetwork? Read(byte[] bytes, out OnnxError? error)
        {
            OnnxModel? model = OnnxModelParser.Parse(bytes, out error);
            if (model is null) return null;
            try
            {
                return Interpret(model, bytes);
            }
            catch (OnnxFormatException e)
            {
                error = e.Error;
                return null;
            }
        }

        private static OnnxDenseNetwork Interpret(OnnxModel model, byte[] bytes)
        {
            OnnxGraph graph = model.Graph!;
            // Problems of the graph as a whole name the graph's offset; those of one node, input or output name it.
            string theGraph = $"byte {graph.Offset.ToString(CultureInfo.InvariantCulture)} (the graph)";
            if (!model.Opsets.TryGetValue("", out long opset))
                throw Unsupported("byte 0 (the model): the model imports no opset of the default ONNX domain ('' or 'ai.onnx')");
            var constants = new Dictionary<string, OnnxTensor>(graph.Initializers, StringComparer.Ordinal);
            List<OnnxValueInfo> inputs = graph.Inputs.Where(i => !constants.ContainsKey(i.Name)).ToList();
            if (inputs.Count != 1)
                throw Unsupported($"{theGraph}: the graph has {inputs.Count} inputs{(inputs.Count > 0 ? " (" + Names(inputs.Select(i => i.Name), inputs.Count) + ")" : "")}; a dense network has one, of shape [N, features]");
            OnnxValueInfo input = inputs[0];
            if (input.ElemType != OnnxSchema.DataTypeFloat)
                throw new OnnxFormatException(OnnxErrorKind.WrongDType, $"graph input '{input.Name}' has element type {OnnxModelParser.DataTypeName(input.ElemType)}; NetGen needs FLOAT");
            long? width = null;
            if (input.Dims is not null)
            {
                if (input.Dims.Count != 2)
                    throw Unsupported($"graph input '{input.Name}' has {input.Dims.Count} dimensions; a dense network takes [N, features] (flatten images before exporting)");
                width = input.Dims[1];
            }

            var outputs = new HashSet<string>(StringComparer.Ordinal);
            foreach (OnnxValueInfo output in graph.Outputs) outputs.Add(output.Name);
            // Every tensor some node reads, built on first need: asking each node's inputs per second output would be quadratic.
            HashSet<string>? consumed = null;
            var network = new OnnxDenseNetwork { Metadata = model.Metadata };
            string current = input.Name;
            bool ended = outputs.Contains(current);
            foreach (OnnxNode node in graph.Nodes)
            {
                string op = node.OpType;
                bool defaultDomain = node.Domain.Length == 0 || node.Domain == "ai.onnx";
                if (HeadOperators.Contains(op))
                {
                    // A head reads the chain but its outputs may only lead to graph outputs: a chain node that took one
                    // would find it is not a constant and refuse the graph.
                    continue;
                }

                if (!defaultDomain)
                    throw Unsupported($"{node.Describe()}: {op} from domain '{node.Domain}' is not a dense-network operator (NetGen reads {SupportedList})");
                if (op == "Constant")
                {
                    AddConstant(node, constants);
                    continue;
                }

                bool known = op is "Gemm" or "MatMul" or "Add" or "Sub" or "Div" or "Identity" or "Flatten" or "Dropout" || Activations.Contains(op);
                if (!known)
                    throw Unsupported($"{node.Describe()}: {op} is not a dense-network operator (NetGen reads {SupportedList})");
                if (ended)
                    throw Unsupported($"{node.Describe()}: {op} comes after the graph output '{current}' that the dense chain ends at; a dense network is one chain");
                if (node.Outputs.Count == 0 || node.Outputs[0].Length == 0)
                    throw Malformed($"{node.Describe()} has no output");
                int chainInput = node.InputIndex(current);
                if (chainInput < 0)
                    throw Unsupported($"{node.Describe()} does not take '{current}', the output of the chain so far, so the graph branches; a dense network is one chain");
                for (int i = 0; i < node.Inputs.Count; i++)
                {
                    if (i == chainInput || node.Inputs[i].Length == 0) continue;
                    if (node.Inputs[i] == current)
                        throw Unsupported($"{node.Describe()} takes '{current}' twice; a dense layer multiplies it by constant weights");
                    if (!constants.ContainsKey(node.Inputs[i]))
                        throw Unsupported($"{node.Describe()} input '{node.Inputs[i]}' is neither the chain's tensor '{current}' nor a constant (an initializer or Constant node)");
                }

                switch (op)
                {
                    case "Gemm":
                        width = ReadGemm(node, chainInput, constants, bytes, width, network);
                        break;
                    case "MatMul":
                        width = ReadMatMul(node, chainInput, constants, bytes, width, network);
                        break;
                    case "Add":
                        ReadAdd(node, chainInput, constants, bytes, network);
                        break;
                    case "Sub":
                    case "Div":
                        ReadStandardizer(node, chainInput, constants, bytes, width, network);
                        break;
                    case "Identity":
                    case "Dropout":
                        break;
                    case "Flatten":
                        long axis = IntAttribute(node, "axis", 1);
                        if (axis != 1 && axis != -1)
                            throw Unsupported($"{node.Describe()} flattens from axis {axis}; on the [N, features] tensor of a dense chain only axis 1 keeps the batch");
                        break;
                    default:
                        ReadActivation(node, opset, network);
                        break;
                }

                if (node.Outputs.Count > 1 && node.Outputs.Skip(1).Any(o => o.Length > 0 && (outputs.Contains(o) || (consumed ??= Consumed(graph)).Contains(o))))
                    throw Unsupported($"{node.Describe()} has a second output that the graph uses; NetGen reads {op} only as the single-output operator of a dense chain");
                current = node.Outputs[0];
                ended = outputs.Contains(current);
            }

            // skl2onnx classifiers (zipmap left on) expose the probabilities only as ZipMap's dictionaries of them.
            bool zipped = !ended && graph.Nodes.Any(n => n.OpType == "ZipMap" && n.Inputs.Count == 1 && n.Inputs[0] == current && n.Outputs.Any(outputs.Contains));
            if (!ended && !zipped)
                throw Unsupported($"{theGraph}: the dense chain ends at tensor '{current}', which is not a graph output ({(graph.Outputs.Count > 0 ? "outputs: " + Names(graph.Outputs.Select(o => o.Name), graph.Outputs.Count) : "the graph has no outputs")})");
            if (network.Layers.Count == 0)
                throw Unsupported($"{theGraph}: the graph has no Gemm or MatMul node, so it holds no Dense layer");
            OnnxValueInfo? chainOutput = graph.Outputs.FirstOrDefault(o => o.Name == current);
            if (chainOutput is not null && chainOutput.ElemType != 0 && chainOutput.ElemType != OnnxSchema.DataTypeFloat)
                throw new OnnxFormatException(OnnxErrorKind.WrongDType, $"graph output '{chainOutput.Name}' has element type {OnnxModelParser.DataTypeName(chainOutput.ElemType)}; NetGen needs FLOAT");
            return network;
        }

        private static HashSet<string> Consumed(OnnxGraph graph)
        {
            var consumed = new HashSet<string>(StringComparer.Ordinal);
            foreach (OnnxNode node in graph.Nodes)
                foreach (string input in node.Inputs) consumed.Add(input);
            return consumed;
        }

        /// <summary><c>'a', 'b'</c> for a message, at most 8 names: a file can list a million inputs.</summary>
        private static string Names(IEnumerable<string> names, int count)
        {
            string listed = string.Join(", ", names.Take(8).Select(n => "'" + n + "'"));
            return count <= 8 ? listed : $"{listed} and {(count - 8).ToString(CultureInfo.InvariantCulture)} more";
        }

        private static void AddConstant(OnnxNode node, Dictionary<string, OnnxTensor> constants)
        {
            if (node.Outputs.Count != 1 || node.Outputs[0].Length == 0) throw Malformed($"{node.Describe()} must have exactly one output");
            if (!node.Attributes.TryGetValue("value", out OnnxAttribute? value) || value.Tensor is null || node.Attributes.Count != 1)
                throw Unsupported($"{node.Describe()}: NetGen reads Constant nodes that hold a tensor in 'value' (not value_float, value_ints, sparse_value, ...)");
            if (constants.ContainsKey(node.Outputs[0])) throw Malformed($"{node.Describe()} redefines '{node.Outputs[0]}'");
            constants[node.Outputs[0]] = value.Tensor;
        }

        private static long ReadGemm(OnnxNode node, int chainInput, Dictionary<string, OnnxTensor> constants, byte[] bytes, long? width, OnnxDenseNetwork network)
        {
            if (chainInput != 0 || node.Inputs.Count < 2 || node.Inputs[1].Length == 0)
                throw Unsupported($"{node.Describe()} must take the chain's tensor as A and constant weights as B (Y = A B + C)");
            CheckAttributes(node, "alpha", "beta", "transA", "transB");
            if (IntAttribute(node, "transA", 0) != 0)
                throw Unsupported($"{node.Describe()} has transA = 1; a dense layer's input is [N, features], never transposed");
            long transB = IntAttribute(node, "transB", 0);
            if (transB != 0 && transB != 1) throw Malformed($"{node.Describe()} has transB = {transB}; it must be 0 or 1");
            float alpha = FloatAttribute(node, "alpha", 1f), beta = FloatAttribute(node, "beta", 1f);

            OnnxTensor b = constants[node.Inputs[1]];
            if (b.Dims.Count != 2)
                throw Unsupported($"{node.Describe()} weights '{b.Name}' have shape {b.ShapeText}; Gemm needs a matrix");
            CheckMatrix(node, b);
            float[] values = OnnxModelParser.ReadFloats(bytes, b);
            OnnxDenseLayer layer = transB == 1
                ? NewLayer(node, (int)b.Dims[1], (int)b.Dims[0], values, width)
                : NewLayer(node, (int)b.Dims[0], (int)b.Dims[1], Transpose(values, (int)b.Dims[0], (int)b.Dims[1]), width);
            if (alpha != 1f)
                for (int i = 0; i < layer.Weights.Length; i++) layer.Weights[i] *= alpha;
            network.Layers.Add(layer);
            if (node.Inputs.Count > 2 && node.Inputs[2].Length > 0) AddBias(node, constants[node.Inputs[2]], bytes, layer, beta);
            return layer.Units;
        }

        private static long ReadMatMul(OnnxNode node, int chainInput, Dictionary<string, OnnxTensor> constants, byte[] bytes, long? width, OnnxDenseNetwork network)
        {
            if (chainInput != 0 || node.Inputs.Count != 2 || node.Inputs[1].Length == 0)
                throw Unsupported($"{node.Describe()} must multiply the chain's tensor (first input) by constant weights (second input)");
            OnnxTensor w = constants[node.Inputs[1]];
            if (w.Dims.Count != 2)
                throw Unsupported($"{node.Describe()} weights '{w.Name}' have shape {w.ShapeText}; a dense layer's MatMul needs an [inputs, units] matrix");
            CheckMatrix(node, w);
            float[] values = OnnxModelParser.ReadFloats(bytes, w);
            OnnxDenseLayer layer = NewLayer(node, (int)w.Dims[0], (int)w.Dims[1], Transpose(values, (int)w.Dims[0], (int)w.Dims[1]), width);
            network.Layers.Add(layer);
            return layer.Units;
        }

        private static void ReadAdd(OnnxNode node, int chainInput, Dictionary<string, OnnxTensor> constants, byte[] bytes, OnnxDenseNetwork network)
        {
            if (node.Inputs.Count != 2 || node.Inputs[1 - chainInput].Length == 0)
                throw Malformed($"{node.Describe()} has {node.Inputs.Count(i => i.Length > 0)} inputs; Add takes 2");
            OnnxDenseLayer? layer = network.Layers.Count > 0 ? network.Layers[network.Layers.Count - 1] : null;
            if (layer is null || layer.HasActivation)
                throw Unsupported($"{node.Describe()} adds a constant {(layer is null ? "before the first layer" : "after an activation")}; NetGen reads Add only as the bias of the Gemm or MatMul before it");
            AddBias(node, constants[node.Inputs[1 - chainInput]], bytes, layer, 1f);
        }

        private static void AddBias(OnnxNode node, OnnxTensor c, byte[] bytes, OnnxDenseLayer layer, float scale)
        {
            float[] values = OnnxModelParser.ReadFloats(bytes, c);
            // The bias broadcasts over the batch: [units], [1, units], or one value for every unit.
            bool rowShaped = c.Dims.Count == 1 || (c.Dims.Count == 2 && c.Dims[0] == 1);
            bool scalar = values.Length == 1 && c.Dims.All(d => d == 1);
            if (!(rowShaped && values.Length == layer.Units) && !scalar)
                throw new OnnxFormatException(OnnxErrorKind.Unsupported,
                    $"{node.Describe()} bias '{c.Name}' has shape {c.ShapeText}; a layer of {layer.Units} units needs [{layer.Units}] or [1, {layer.Units}]");
            for (int i = 0; i < layer.Units; i++) layer.Bias[i] += scale * values[scalar ? 0 : i];
            layer.HasBias = true;
        }

        private static void ReadStandardizer(OnnxNode node, int chainInput, Dictionary<string, OnnxTensor> constants, byte[] bytes, long? width, OnnxDenseNetwork network)
        {
            bool isSub = node.OpType == "Sub";
            if (network.Layers.Count > 0 || chainInput != 0 || node.Inputs.Count != 2 || node.Inputs[1].Length == 0 || (isSub ? network.StandardizerMeans is not null || network.StandardizerStds is not null : network.StandardizerStds is not null))
                throw Unsupported($"{node.Describe()}: NetGen reads {node.OpType} only as input standardization before the first layer ((x - mean) / std, one Sub then one Div by constants)");
            OnnxTensor constant = constants[node.Inputs[1]];
            float[] values = OnnxModelParser.ReadFloats(bytes, constant);
            if (constant.Dims.Count != 1 || (width is long w && values.Length != w))
                throw Unsupported($"{node.Describe()} constant '{constant.Name}' has shape {constant.ShapeText}; standardization needs one value per input feature{(width is long f ? $" ([{f}])" : "")}");
            network.StandardizerSource = node.Describe();
            if (isSub)
            {
                network.StandardizerMeans = values;
                return;
            }

            for (int i = 0; i < values.Length; i++)
                if (!(values[i] > 0))
                    throw Unsupported($"{node.Describe()} divides feature {i} by {values[i].ToString(CultureInfo.InvariantCulture)}; standard deviations must be positive");
            if (network.StandardizerMeans is not null && network.StandardizerMeans.Length != values.Length)
                throw Unsupported($"{node.Describe()} has {values.Length} divisors but the Sub before it has {network.StandardizerMeans.Length} means");
            network.StandardizerMeans ??= new float[values.Length];
            network.StandardizerStds = values;
        }

        private static void ReadActivation(OnnxNode node, long opset, OnnxDenseNetwork network)
        {
            string op = node.OpType;
            OnnxDenseLayer? layer = network.Layers.Count > 0 ? network.Layers[network.Layers.Count - 1] : null;
            if (layer is null)
                throw Unsupported($"{node.Describe()}: {op} comes before any Gemm or MatMul; NetGen layers apply their activation after the linear step");
            if (layer.HasActivation)
                throw Unsupported($"{node.Describe()}: {op} follows {layer.Activation} directly; a NetGen Dense layer has one activation");
            switch (op)
            {
                case "LeakyRelu":
                    CheckAttributes(node, "alpha");
                    layer.Alpha = FloatAttribute(node, "alpha", 0.01f);
                    break;
                case "Elu":
                    CheckAttributes(node, "alpha");
                    layer.Alpha = FloatAttribute(node, "alpha", 1f);
                    break;
                case "Selu":
                    CheckAttributes(node, "alpha", "gamma");
                    float alpha = FloatAttribute(node, "alpha", (float)SeluAlpha), gamma = FloatAttribute(node, "gamma", (float)SeluGamma);
                    // The float attribute holds the constant to float precision; anything further off is another function.
                    if (Math.Abs(alpha - SeluAlpha) > 1e-6 * SeluAlpha || Math.Abs(gamma - SeluGamma) > 1e-6 * SeluGamma)
                        throw Unsupported($"{node.Describe()} has alpha {alpha.ToString("R", CultureInfo.InvariantCulture)} and gamma {gamma.ToString("R", CultureInfo.InvariantCulture)}; NetGen's Selu uses the published constants 1.6732632 and 1.0507010");
                    break;
                case "Softmax":
                    CheckAttributes(node, "axis");
                    // Before opset 13 Softmax flattens from `axis` (default 1); from 13 it normalizes one axis (default -1).
                    // On an [N, units] tensor both readings of axis 1 and -1 are the same row-wise softmax.
                    long axis = IntAttribute(node, "axis", opset >= 13 ? -1 : 1);
                    if (axis != 1 && axis != -1)
                        throw Unsupported($"{node.Describe()} normalizes over axis {axis}; a dense output layer's softmax runs over axis 1 (the units)");
                    break;
                default:
                    CheckAttributes(node);
                    break;
            }

            layer.Activation = op;
            layer.HasActivation = true;
        }

        private static OnnxDenseLayer NewLayer(OnnxNode node, int inputs, int units, float[] weights, long? width)
        {
            if (inputs < 1 || units < 1)
                throw Unsupported($"{node.Describe()} has a weight matrix with {inputs} inputs and {units} units; a Dense layer needs at least one of each");
            if (width is long w && w != inputs)
                throw Malformed($"{node.Describe()} multiplies a tensor of {w} features by weights for {inputs} inputs");
            return new OnnxDenseLayer(inputs, units, weights, node.Describe());
        }

        private static void CheckMatrix(OnnxNode node, OnnxTensor matrix)
        {
            // Checked before any loop over the dimensions: ReadFloats bounds their product, but a zero dimension makes
            // the product 0 whatever the other one claims.
            if (matrix.Dims[0] < 1 || matrix.Dims[1] < 1 || matrix.Dims[0] > int.MaxValue || matrix.Dims[1] > int.MaxValue)
                throw Unsupported($"{node.Describe()} weights '{matrix.Name}' have shape {matrix.ShapeText}; a Dense layer needs at least one input and one unit");
        }

        /// <summary>Turns an <c>[rows, columns]</c> row-major matrix into <c>[columns, rows]</c>.</summary>
        private static float[] Transpose(float[] values, int rows, int columns)
        {
            var result = new float[values.Length];
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < columns; c++)
                    result[c * rows + r] = values[r * columns + c];
            return result;
        }

        /// <summary>Refuses attributes the reader does not interpret, so an unknown option never changes the maths silently.</summary>
        private static void CheckAttributes(OnnxNode node, params string[] known)
        {
            foreach (OnnxAttribute attribute in node.Attributes.Values)
                if (Array.IndexOf(known, attribute.Name) < 0)
                    throw Unsupported($"{node.Describe()} has attribute '{attribute.Name}', which NetGen does not read for {node.OpType}{(known.Length > 0 ? " (it reads " + string.Join(", ", known) + ")" : "")}");
        }

        private static long IntAttribute(OnnxNode node, string name, long fallback)
        {
            if (!node.Attributes.TryGetValue(name, out OnnxAttribute? attribute)) return fallback;
            if (attribute.Int is long value && !attribute.HasOtherValue && attribute.Float is null && attribute.Tensor is null) return value;
            throw Malformed($"{node.Describe()} attribute '{name}' is not an int");
        }

        private static float FloatAttribute(OnnxNode node, string name, float fallback)
        {
            if (!node.Attributes.TryGetValue(name, out OnnxAttribute? attribute)) return fallback;
            if (attribute.Float is float value && !attribute.HasOtherValue && attribute.Int is null && attribute.Tensor is null)
            {
                if (float.IsNaN(value) || float.IsInfinity(value)) throw Malformed($"{node.Describe()} attribute '{name}' is {value.ToString(CultureInfo.InvariantCulture)}; it must be finite");
                return value;
            }

            throw Malformed($"{node.Describe()} attribute '{name}' is not a float");
        }

        private static OnnxFormatException Unsupported(string message) => new(OnnxErrorKind.Unsupported, message);

        private static OnnxFormatException Malformed(string message) => new(OnnxErrorKind.Malformed, message);
    }
}
