using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Model.Layers;
using NetGen.Generator.Parsing;
using NetGen.Generator.Plan;

namespace NetGen.Generator.Emit;

/// <summary>
/// Writes the public surface of docs/api.md section 2: constants, constructors, parameter access, and the public methods,
/// each checking its spans inline and throwing through the runtime's out-of-line helpers before calling into the kernels.
/// </summary>
internal static class MembersEmitter
{
    // The parameters live in an AlignedParameters (a cache-line-aligned slice of a pinned array on .NET 8+); the generated
    // code reads them through the public Parameters property, like a caller.
    private const string ParameterStoreField = "__netgenParameterStore";
    private const string ParametersField = "Parameters";
    private const string GradientsField = "__netgenGradients";
    private const string SeedField = "__netgenSeed";
    private const string StreamField = "__netgenDropoutStreams";
    private const string InferenceScratchField = "__netgenInferenceScratch";
    private const string TrainingScratchField = "__netgenTrainingScratch";
    private const string BatchScratchField = "__netgenBatchScratch";
    private const string InferenceBatchScratchField = "__netgenInferenceBatchScratch";
    private const string Impl = LayerNames.ImplClass;

    public static void Emit(SourceWriter w, KernelPlan plan)
    {
        NetworkModel model = plan.Model;
        EmitConstants(w, model);
        EmitFields(w, plan);
        EmitConstructors(w, model);
        EmitInference(w, plan);
        EmitTraining(w, plan);
        EmitInterfaceMembers(w);
        BufferEmitter.Emit(w, model);
    }

    private static bool HasDropout(NetworkModel model) => model.Nodes.Any(n => n is DropoutNode);

    private static void EmitConstants(SourceWriter w, NetworkModel model)
    {
        string field = GeneratedMarks.FieldText, member = GeneratedMarks.MemberText;
        w.WriteBlock($$"""
            /// <summary>The input vector length.</summary>
            {{field}}
            public const int InputSize = {{model.InputSize}};

            /// <summary>The output vector length (units of the last layer).</summary>
            {{field}}
            public const int OutputSize = {{model.OutputSize}};

            /// <summary>The number of weights and biases.</summary>
            {{field}}
            public const int ParameterCount = {{model.ParameterCount}};

            /// <summary>The number of Dense layers.</summary>
            {{field}}
            public const int LayerCount = {{model.DenseLayerCount}};

            /// <summary>The declared shape: layers, activations, dropout and the resolved loss.</summary>
            {{member}}
            public static {{TypeNames.Architecture}} Architecture { get; } = new {{TypeNames.Architecture}}(
                {{model.InputSize}}, {{TypeNames.Loss}}.{{model.Loss}},
            """);
        w.Indent();
        IReadOnlyList<DenseStage> layers = model.Stages();
        for (int i = 0; i < layers.Count; i++)
        {
            DenseStage l = layers[i];
            string separator = i == layers.Count - 1 ? ");" : ",";
            // The Init argument only where it is not the activation's default, which LayerInfo resolves the same way.
            string init = l.Init == NetworkParser.ResolveInit(Init.Auto, l.Activation) ? "" : $", {TypeNames.Init}.{l.Init}";
            w.WriteLine($"new {TypeNames.LayerInfo}({l.Inputs}, {l.Units}, {TypeNames.Activation}.{l.Activation}, {Literals.Float(l.Alpha)}, {Literals.Float(l.DropoutRate)}, {l.ParameterOffset}{init}){separator}");
        }

        w.Unindent();
        w.WriteBlock($$"""

            {{field}}
            private const string __netgenSummary = {{Literals.Lines(SummaryEmitter.Text(model))}};

            """);
    }

    private static void EmitFields(SourceWriter w, KernelPlan plan)
    {
        NetworkModel model = plan.Model;
        ScratchLayout inference = plan.Inference, training = plan.Training;
        string field = GeneratedMarks.FieldText;
        w.WriteBlock($$"""
            {{field}}
            private readonly {{TypeNames.AlignedParameters}} {{ParameterStoreField}} = new {{TypeNames.AlignedParameters}}(ParameterCount);
            {{field}}
            private readonly float[] {{GradientsField}} = new float[ParameterCount];
            {{field}}
            private readonly int {{SeedField}};
            """);
        if (HasDropout(model))
        {
            w.WriteBlock($$"""
                // Dropout streams handed out to the overloads without an explicit stream; Interlocked keeps them unique across threads.
                {{field}}
                private long {{StreamField}};
                """);
        }

        if (!inference.UsesStack || !training.UsesStack)
            w.WriteLine($"// Scratch above {KernelPlan.StackallocLimit} floats lives in one array per thread instead of on the stack.");
        if (!inference.UsesStack) WriteThreadStaticScratch(w, InferenceScratchField);
        if (!training.UsesStack) WriteThreadStaticScratch(w, TrainingScratchField);

        w.WriteBlock($$"""
            #if {{TypeNames.Net8Symbol}}
            // The batched training pass's block of activations and deltas ({{plan.TrainingBatchScratchSize}} floats), one per thread.
            """);
        WriteThreadStaticScratch(w, BatchScratchField);
        if (plan.BatchesInference)
        {
            w.WriteLine($"// The batched inference pass's block of hidden activations ({plan.InferenceBatchScratchSize} floats), one per thread.");
            WriteThreadStaticScratch(w, InferenceBatchScratchField);
        }

        w.WriteBlock("""
            #endif

            """);
    }

    private static void WriteThreadStaticScratch(SourceWriter w, string name) =>
        w.WriteBlock($$"""
            [{{TypeNames.ThreadStatic}}]
            {{GeneratedMarks.FieldText}}
            private static float[]? {{name}};
            """);

    private static void EmitConstructors(SourceWriter w, NetworkModel model)
    {
        string name = model.TypeName, member = GeneratedMarks.MemberText;
        w.WriteBlock($$"""
            /// <summary>Creates the network with weights drawn from seed 0.</summary>
            {{member}}
            public {{name}}() : this(0)
            {
            }

            /// <summary>
            /// Creates the network with weights drawn deterministically from <paramref name="seed"/> (the same values on every
            /// platform) as each layer's <c>Init</c> says, and biases 0.
            /// </summary>
            /// <param name="seed">Selects the initial weights, and the dropout masks during training.</param>
            {{member}}
            public {{name}}(int seed)
            {
                {{SeedField}} = seed;
            """);
        w.Indent();
        foreach (DenseNode dense in model.Nodes.OfType<DenseNode>())
        {
            w.WriteLine($"{TypeNames.WeightInitializer}.Fill({ParametersField}.Slice({dense.ParameterOffset}, {dense.WeightCount}), " +
                        $"{TypeNames.Init}.{dense.Init}, {dense.Inputs}, {dense.Units}, seed, {dense.Layer});");
        }

        w.Unindent();
        w.WriteBlock($$"""
            }

            /// <summary>Every weight and bias, contiguous: <c>W1, b1, W2, b2, ...</c>, each <c>W</c> row-major <c>[out, in]</c>.</summary>
            {{member}}
            public {{TypeNames.Span}} Parameters => {{ParameterStoreField}}.Span;

            /// <summary>The accumulated gradient of the summed loss with respect to <see cref="Parameters"/>, in the same layout.</summary>
            {{member}}
            public {{TypeNames.Span}} Gradients => {{GradientsField}};

            """);
    }

    private static void EmitInference(SourceWriter w, KernelPlan plan)
    {
        NetworkModel model = plan.Model;
        ScratchLayout inference = plan.Inference;
        string name = model.TypeName, member = GeneratedMarks.MemberText;
        string scratch = string.Join("\n", inference.DeclareScratch(InferenceScratchField));
        w.WriteBlock($$"""
            // The typed overloads come first: when no overload applies, the compiler reports against the first one whose
            // arguments fail to convert, so another network's buffer reads "cannot convert from 'in Other.Input' to 'in Net.Input'"
            // (CS1503) rather than "may not be passed with the 'in' keyword" against the span overload.
            /// <summary>
            /// Inference on one example held in this network's own buffers: exactly what
            /// <see cref="Forward(global::System.ReadOnlySpan{float}, global::System.Span{float})"/> gives for the same floats, bit for
            /// bit. No allocation, no copy of either buffer, safe to call from many threads at once; the lengths cannot be wrong, so
            /// it never throws.
            /// </summary>
            /// <param name="input">The example, read in place.</param>
            /// <param name="output">Receives the <see cref="OutputSize"/> outputs.</param>
            {{member}}
            public void Forward(in {{BufferStructNames.Input}} input, out {{BufferStructNames.Output}} output)
            {
                output = default;
                Forward({{BufferStructNames.Input}}.AsReadOnlySpan(in input), {{BufferStructNames.Output}}.AsSpan(ref output));
            }

            /// <summary>
            /// The index of the largest output for <paramref name="input"/>, the first one on ties: exactly what
            /// <see cref="Classify(global::System.ReadOnlySpan{float})"/> gives for the same floats.
            /// </summary>
            /// <param name="input">The example, read in place.</param>
            {{member}}
            public int Classify(in {{BufferStructNames.Input}} input) => Classify({{BufferStructNames.Input}}.AsReadOnlySpan(in input));

            /// <summary>Inference on one example: no dropout, no allocation, safe to call from many threads at once.</summary>
            /// <param name="input">Exactly <see cref="InputSize"/> values.</param>
            /// <param name="output">Receives exactly <see cref="OutputSize"/> values.</param>
            /// <exception cref="global::System.ArgumentException">A span has the wrong length.</exception>
            {{member}}
            public void Forward({{TypeNames.ReadOnlySpan}} input, {{TypeNames.Span}} output)
            {
                {{CheckExact("input", "InputSize", name)}}
                {{CheckExact("output", "OutputSize", name)}}
                {{scratch}}
                {{Impl}}.{{PassEmitter.InferName}}({{ParametersField}}, input, output, scratch);
            }

            /// <summary>The index of the largest output for <paramref name="input"/>, the first one on ties.</summary>
            /// <param name="input">Exactly <see cref="InputSize"/> values.</param>
            /// <exception cref="global::System.ArgumentException">The input has the wrong length.</exception>
            {{member}}
            public int Classify({{TypeNames.ReadOnlySpan}} input)
            {
                {{CheckExact("input", "InputSize", name)}}
                {{scratch}}
                {{TypeNames.Span}} output = scratch.Slice({{inference.Size - model.OutputSize}}, OutputSize);
                {{Impl}}.{{PassEmitter.InferName}}({{ParametersField}}, input, output, scratch);
                int best = 0;
                for (int i = 1; i < OutputSize; i++) if (output[i] > output[best]) best = i;
                return best;
            }

            /// <summary>
            /// Inference on <paramref name="count"/> examples stored row after row: no allocation after a thread's first call, safe
            /// to call from many threads at once. On .NET 8+ with Vector256 acceleration, {{KernelPlan.BlockedInferenceRule}} of 2 or
            /// more examples run through batched matrix kernels that sum in another order, so rows agree with
            /// <see cref="Forward(global::System.ReadOnlySpan{float}, global::System.Span{float})"/> to float rounding rather than
            /// bit for bit; one example gives exactly what that method gives.
            /// </summary>
            /// <param name="inputs">At least <c>count * InputSize</c> values.</param>
            /// <param name="outputs">Receives <c>count * OutputSize</c> values.</param>
            /// <param name="count">The number of examples; 0 or more.</param>
            /// <exception cref="global::System.ArgumentException"><paramref name="count"/> is negative or a span is too short.</exception>
            {{member}}
            public void ForwardBatch({{TypeNames.ReadOnlySpan}} inputs, {{TypeNames.Span}} outputs, int count)
            {
                {{CheckCount}}
                {{CheckRows("inputs", "InputSize", name)}}
                {{CheckRows("outputs", "OutputSize", name)}}
            """);
        w.Indent();
        if (plan.BatchesInference) EmitBatchedInference(w, plan);
        w.Unindent();
        w.WriteBlock($$"""
                {{scratch}}
                for (int example = 0; example < count; example++)
                    {{Impl}}.{{PassEmitter.InferName}}({{ParametersField}}, inputs.Slice(example * InputSize, InputSize), outputs.Slice(example * OutputSize, OutputSize), scratch);
            }

            """);
    }

    /// <summary>ForwardBatch's .NET 8+ branch: two or more examples through <c>InferBatch</c>.</summary>
    private static void EmitBatchedInference(SourceWriter w, KernelPlan plan) =>
        w.WriteBlock($$"""
            #if {{TypeNames.Net8Symbol}}
            if ({{TypeNames.Vector256Statics}}.IsHardwareAccelerated && count > 1)
            {
                // Whole blocks of examples through batched matrix kernels. One example keeps the per-example pass, so that
                // ForwardBatch of one example is bit-identical to Forward.
                float[] blockScratch = {{InferenceBatchScratchField}} ??= new float[{{plan.InferenceBatchScratchSize}}];
                {{Impl}}.{{BatchPassEmitter.InferName}}({{ParametersField}}, inputs, outputs, count, blockScratch);
                return;
            }
            #endif
            """);

    private static void EmitTraining(SourceWriter w, KernelPlan plan)
    {
        NetworkModel model = plan.Model;
        ScratchLayout training = plan.Training;
        string name = model.TypeName, member = GeneratedMarks.MemberText;
        bool dropout = HasDropout(model);
        string scratch = string.Join("\n", training.DeclareScratch(TrainingScratchField));
        string noStream = "const ulong stream = 0; // no dropout: the stream is unused";
        string oneStream = dropout ? $"ulong stream = (ulong)({TypeNames.Interlocked}.Increment(ref {StreamField}) - 1);" : noStream;
        string batchStreams = dropout ? $"ulong stream = (ulong)({TypeNames.Interlocked}.Add(ref {StreamField}, count) - count);" : noStream;
        string span = TypeNames.Span, readOnlySpan = TypeNames.ReadOnlySpan;
        int outputOffset = training.Activations[plan.Layers.Count - 1];
        w.WriteBlock($$"""
            /// <summary>Forward and backward pass on one example with dropout active; adds dLoss/dParameters to <see cref="Gradients"/>.</summary>
            /// <param name="input">Exactly <see cref="InputSize"/> values.</param>
            /// <param name="target">Exactly <see cref="OutputSize"/> values: one-hot or probabilities for classification, raw values for regression.</param>
            /// <returns>The example's loss.</returns>
            /// <exception cref="global::System.ArgumentException">A span has the wrong length.</exception>
            {{member}}
            public float AccumulateGradients({{readOnlySpan}} input, {{readOnlySpan}} target) => AccumulateGradients(input, target, {{GradientsField}});

            /// <summary>As <see cref="AccumulateGradients(global::System.ReadOnlySpan{float}, global::System.ReadOnlySpan{float})"/>, into a caller's buffer: safe to call from many threads at once, each with its own buffer.</summary>
            /// <param name="input">Exactly <see cref="InputSize"/> values.</param>
            /// <param name="target">Exactly <see cref="OutputSize"/> values.</param>
            /// <param name="gradients">Exactly <see cref="ParameterCount"/> values, in the layout of <see cref="Parameters"/>; the gradient is added to them.</param>
            /// <returns>The example's loss.</returns>
            /// <exception cref="global::System.ArgumentException">A span has the wrong length.</exception>
            {{member}}
            public float AccumulateGradients({{readOnlySpan}} input, {{readOnlySpan}} target, {{span}} gradients)
            {
                {{CheckExact("input", "InputSize", name)}}
                {{CheckExact("target", "OutputSize", name)}}
                {{CheckExact("gradients", "ParameterCount", name)}}
                {{oneStream}}
                {{scratch}}
                return {{Impl}}.{{PassEmitter.TrainName}}({{ParametersField}}, input, target, gradients, {{SeedField}}, stream, scratch);
            }

            /// <summary>Forward and backward on <paramref name="count"/> examples stored row after row; adds the summed gradients to <see cref="Gradients"/>.</summary>
            /// <param name="inputs">At least <c>count * InputSize</c> values.</param>
            /// <param name="targets">At least <c>count * OutputSize</c> values.</param>
            /// <param name="count">The number of examples; 0 or more.</param>
            /// <returns>The sum of the examples' losses.</returns>
            /// <exception cref="global::System.ArgumentException"><paramref name="count"/> is negative or a span is too short.</exception>
            {{member}}
            public float AccumulateGradientsBatch({{readOnlySpan}} inputs, {{readOnlySpan}} targets, int count)
            {
                {{CheckCount}}
                {{batchStreams}}
                return AccumulateGradientsBatch(inputs, targets, count, {{GradientsField}}, stream);
            }

            /// <summary>
            /// Forward and backward on <paramref name="count"/> examples into a caller's buffer, with explicit dropout randomness:
            /// example <c>j</c> draws its mask from stream <c>dropoutStream + j</c>. Safe to call from many threads at once, each with its own buffer.
            /// </summary>
            {{BufferedBatchParameterDocs}}
            /// <returns>The sum of the examples' losses.</returns>
            /// <exception cref="global::System.ArgumentException"><paramref name="count"/> is negative or a span has the wrong length.</exception>
            {{member}}
            public float AccumulateGradientsBatch({{readOnlySpan}} inputs, {{readOnlySpan}} targets, int count, {{span}} gradients, ulong dropoutStream) =>
                AccumulateGradientsBatch(inputs, targets, count, gradients, dropoutStream, default);

            /// <summary>
            /// As the overload without <paramref name="outputs"/>, and writes each example's output from this training pass (dropout
            /// active) to <paramref name="outputs"/> unless it is empty: training metrics without a second forward pass.
            /// </summary>
            {{BufferedBatchParameterDocs}}
            /// <param name="outputs">Empty, or at least <c>count * OutputSize</c> values: receives the outputs.</param>
            /// <returns>The sum of the examples' losses.</returns>
            /// <exception cref="global::System.ArgumentException"><paramref name="count"/> is negative or a span has the wrong length.</exception>
            {{member}}
            public float AccumulateGradientsBatch({{readOnlySpan}} inputs, {{readOnlySpan}} targets, int count, {{span}} gradients, ulong dropoutStream, {{span}} outputs)
            {
                {{CheckCount}}
                {{CheckRows("inputs", "InputSize", name)}}
                {{CheckRows("targets", "OutputSize", name)}}
                {{CheckExact("gradients", "ParameterCount", name)}}
                if (!outputs.IsEmpty)
                    {{CheckRows("outputs", "OutputSize", name)}}
            #if {{TypeNames.Net8Symbol}}
                if ({{TypeNames.Vector256Statics}}.IsHardwareAccelerated && count > 1)
                {
                    // Whole blocks of examples through batched matrix kernels. One example keeps the per-example pass, so that
                    // AccumulateGradientsBatch of one example is bit-identical to AccumulateGradients.
                    float[] blockScratch = {{BatchScratchField}} ??= new float[{{plan.TrainingBatchScratchSize}}];
                    return (float){{Impl}}.{{BatchPassEmitter.Name}}({{ParametersField}}, inputs, targets, count, gradients, {{SeedField}}, dropoutStream, outputs, blockScratch);
                }
            #endif
                {{scratch}}
                // Summed in double so a large batch's total does not lose the small losses.
                double loss = 0;
                for (int example = 0; example < count; example++)
                {
                    loss += {{Impl}}.{{PassEmitter.TrainName}}({{ParametersField}}, inputs.Slice(example * InputSize, InputSize), targets.Slice(example * OutputSize, OutputSize), gradients, {{SeedField}}, dropoutStream + (ulong)example, scratch);
                    if (!outputs.IsEmpty) scratch.Slice({{outputOffset}}, OutputSize).CopyTo(outputs.Slice(example * OutputSize, OutputSize));
                }
                return (float)loss;
            }

            /// <summary>Sets every element of <see cref="Gradients"/> to 0.</summary>
            {{member}}
            public void ZeroGradients() => global::System.Array.Clear({{GradientsField}}, 0, ParameterCount);

            /// <summary>One line per layer with shapes and parameter counts, like Keras <c>summary()</c>.</summary>
            {{member}}
            public string Summary() => __netgenSummary;

            """);
    }

    private static void EmitInterfaceMembers(SourceWriter w)
    {
        string member = GeneratedMarks.MemberText, network = TypeNames.INetwork;
        w.WriteBlock($$"""
            // The constants share these names, so the interface's properties are implemented explicitly.
            {{member}}
            int {{network}}.InputSize => InputSize;
            {{member}}
            int {{network}}.OutputSize => OutputSize;
            {{member}}
            int {{network}}.ParameterCount => ParameterCount;
            {{member}}
            int {{network}}.LayerCount => LayerCount;
            {{member}}
            {{TypeNames.Architecture}} {{network}}.Architecture => Architecture;

            """);
    }

    private static string CheckExact(string span, string size, string network) =>
        $"if ({span}.Length != {size}) {TypeNames.NetworkArgument}.ThrowWrongLength(nameof({span}), {span}.Length, \"{network}\", nameof({size}), {size});";

    private static string CheckRows(string span, string size, string network) =>
        $"{TypeNames.NetworkArgument}.CheckRows({span}.Length, nameof({span}), \"{network}\", nameof({size}), {size}, count);";

    /// <summary>The parameter docs both buffered <c>AccumulateGradientsBatch</c> overloads share.</summary>
    private const string BufferedBatchParameterDocs = """
        /// <param name="inputs">At least <c>count * InputSize</c> values.</param>
        /// <param name="targets">At least <c>count * OutputSize</c> values.</param>
        /// <param name="count">The number of examples; 0 or more.</param>
        /// <param name="gradients">Exactly <see cref="ParameterCount"/> values; the summed gradient is added to them.</param>
        /// <param name="dropoutStream">The first example's dropout stream.</param>
        """;

    private static string CheckCount => $"if (count < 0) {TypeNames.NetworkArgument}.ThrowNegativeCount(nameof(count), count);";
}
