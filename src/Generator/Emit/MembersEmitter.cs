using System.Linq;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Plan;

namespace NetGen.Generator.Emit;

/// <summary>
/// Writes the public surface of docs/api.md section 2: constants, constructors, parameter access, and the public methods,
/// each checking its spans inline and throwing through the runtime's out-of-line helpers before calling into the kernels.
/// </summary>
internal static class MembersEmitter
{
    private const string ParametersField = "__netgenParameters";
    private const string GradientsField = "__netgenGradients";
    private const string SeedField = "__netgenSeed";
    private const string StreamField = "__netgenDropoutStreams";
    private const string InferenceScratchField = "__netgenInferenceScratch";
    private const string TrainingScratchField = "__netgenTrainingScratch";
    private const string BatchScratchField = "__netgenBatchScratch";
    private const string InferenceBatchScratchField = "__netgenInferenceBatchScratch";
    private const string Impl = LayerNames.ImplClass;

    public static void Emit(IndentedTextWriter w, KernelPlan plan)
    {
        NetworkModel model = plan.Model;
        ScratchLayout inference = plan.Inference, training = plan.Training;
        EmitConstants(w, model);
        EmitFields(w, plan);
        EmitConstructors(w, model);
        EmitInference(w, plan);
        EmitTraining(w, plan);
        EmitInterfaceMembers(w);
    }

    private static bool HasDropout(NetworkModel model) => model.Stages().Any(l => l.HasDropout);

    private static void EmitConstants(IndentedTextWriter w, NetworkModel model)
    {
        w.WriteLine("/// <summary>The input vector length.</summary>");
        GeneratedMarks.Field(w);
        w.WriteLine($"public const int InputSize = {model.InputSize};");
        w.WriteLine();
        w.WriteLine("/// <summary>The output vector length (units of the last layer).</summary>");
        GeneratedMarks.Field(w);
        w.WriteLine($"public const int OutputSize = {model.OutputSize};");
        w.WriteLine();
        w.WriteLine("/// <summary>The number of weights and biases.</summary>");
        GeneratedMarks.Field(w);
        w.WriteLine($"public const int ParameterCount = {model.ParameterCount};");
        w.WriteLine();
        w.WriteLine("/// <summary>The number of Dense layers.</summary>");
        GeneratedMarks.Field(w);
        w.WriteLine($"public const int LayerCount = {model.Stages().Count};");
        w.WriteLine();
        w.WriteLine("/// <summary>The declared shape: layers, activations, dropout and the resolved loss.</summary>");
        GeneratedMarks.Member(w);
        w.WriteLine($"public static {TypeNames.Architecture} Architecture {{ get; }} = new {TypeNames.Architecture}(");
        w.Indent();
        w.WriteLine($"{model.InputSize}, {TypeNames.Loss}.{model.Loss},");
        for (int i = 0; i < model.Stages().Count; i++)
        {
            DenseStage l = model.Stages()[i];
            string separator = i == model.Stages().Count - 1 ? ");" : ",";
            // The Init argument only where it is not the activation's default, which LayerInfo resolves the same way.
            string init = l.Init == NetworkParser.ResolveInit(Init.Auto, l.Activation) ? "" : $", {TypeNames.Init}.{l.Init}";
            w.WriteLine($"new {TypeNames.LayerInfo}({l.Inputs}, {l.Units}, {TypeNames.Activation}.{l.Activation}, {Literals.Float(l.Alpha)}, {Literals.Float(l.DropoutRate)}, {l.ParameterOffset}{init}){separator}");
        }

        w.Unindent();
        w.WriteLine();
        GeneratedMarks.Field(w);
        w.WriteLine($"private const string __netgenSummary = {Literals.Lines(SummaryEmitter.Text(model))};");
        w.WriteLine();
    }

    private static void EmitFields(IndentedTextWriter w, KernelPlan plan)
    {
        NetworkModel model = plan.Model;
        ScratchLayout inference = plan.Inference, training = plan.Training;
        GeneratedMarks.Field(w);
        w.WriteLine($"private readonly float[] {ParametersField} = new float[ParameterCount];");
        GeneratedMarks.Field(w);
        w.WriteLine($"private readonly float[] {GradientsField} = new float[ParameterCount];");
        GeneratedMarks.Field(w);
        w.WriteLine($"private readonly int {SeedField};");
        if (HasDropout(model))
        {
            w.WriteLine("// Dropout streams handed out to the overloads without an explicit stream; Interlocked keeps them unique across threads.");
            GeneratedMarks.Field(w);
            w.WriteLine($"private long {StreamField};");
        }

        if (!inference.UsesStack || !training.UsesStack)
            w.WriteLine($"// Scratch above {KernelPlan.StackallocLimit} floats lives in one array per thread instead of on the stack.");
        if (!inference.UsesStack)
        {
            w.WriteLine($"[{TypeNames.ThreadStatic}]");
            GeneratedMarks.Field(w);
            w.WriteLine($"private static float[]? {InferenceScratchField};");
        }

        if (!training.UsesStack)
        {
            w.WriteLine($"[{TypeNames.ThreadStatic}]");
            GeneratedMarks.Field(w);
            w.WriteLine($"private static float[]? {TrainingScratchField};");
        }

        w.WriteDirective($"#if {TypeNames.Net8Symbol}");
        w.WriteLine($"// The batched training pass's block of activations and deltas ({plan.TrainingBatchScratchSize} floats), one per thread.");
        w.WriteLine($"[{TypeNames.ThreadStatic}]");
        GeneratedMarks.Field(w);
        w.WriteLine($"private static float[]? {BatchScratchField};");
        if (plan.BatchesInference)
        {
            w.WriteLine($"// The batched inference pass's block of hidden activations ({plan.InferenceBatchScratchSize} floats), one per thread.");
            w.WriteLine($"[{TypeNames.ThreadStatic}]");
            GeneratedMarks.Field(w);
            w.WriteLine($"private static float[]? {InferenceBatchScratchField};");
        }

        w.WriteDirective("#endif");

        w.WriteLine();
    }

    private static void EmitConstructors(IndentedTextWriter w, NetworkModel model)
    {
        string name = model.TypeName;
        w.WriteLine("/// <summary>Creates the network with weights drawn from seed 0.</summary>");
        GeneratedMarks.Member(w);
        w.WriteLine($"public {name}() : this(0)");
        w.WriteLine("{");
        w.WriteLine("}");
        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine("/// Creates the network with weights drawn deterministically from <paramref name=\"seed\"/> (the same values on every");
        w.WriteLine("/// platform) as each layer's <c>Init</c> says, and biases 0.");
        w.WriteLine("/// </summary>");
        w.WriteLine("/// <param name=\"seed\">Selects the initial weights, and the dropout masks during training.</param>");
        GeneratedMarks.Member(w);
        using (w.OpenBlock($"public {name}(int seed)"))
        {
            w.WriteLine($"{SeedField} = seed;");
            foreach (DenseStage layer in model.Stages())
            {
                w.WriteLine($"{TypeNames.WeightInitializer}.Fill(new {TypeNames.Span}({ParametersField}, {layer.ParameterOffset}, {layer.WeightCount}), " +
                            $"{TypeNames.Init}.{layer.Init}, {layer.Inputs}, {layer.Units}, seed, {layer.Index});");
            }
        }

        w.WriteLine();
        w.WriteLine("/// <summary>Every weight and bias, contiguous: <c>W1, b1, W2, b2, ...</c>, each <c>W</c> row-major <c>[out, in]</c>.</summary>");
        GeneratedMarks.Member(w);
        w.WriteLine($"public {TypeNames.Span} Parameters => {ParametersField};");
        w.WriteLine();
        w.WriteLine("/// <summary>The accumulated gradient of the summed loss with respect to <see cref=\"Parameters\"/>, in the same layout.</summary>");
        GeneratedMarks.Member(w);
        w.WriteLine($"public {TypeNames.Span} Gradients => {GradientsField};");
        w.WriteLine();
    }

    private static void EmitInference(IndentedTextWriter w, KernelPlan plan)
    {
        NetworkModel model = plan.Model;
        ScratchLayout inference = plan.Inference;
        string name = model.TypeName;
        w.WriteLine("/// <summary>Inference on one example: no dropout, no allocation, safe to call from many threads at once.</summary>");
        w.WriteLine("/// <param name=\"input\">Exactly <see cref=\"InputSize\"/> values.</param>");
        w.WriteLine("/// <param name=\"output\">Receives exactly <see cref=\"OutputSize\"/> values.</param>");
        w.WriteLine("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        GeneratedMarks.Member(w);
        using (w.OpenBlock($"public void Forward({TypeNames.ReadOnlySpan} input, {TypeNames.Span} output)"))
        {
            CheckExact(w, "input", "InputSize", name);
            CheckExact(w, "output", "OutputSize", name);
            foreach (string line in inference.DeclareScratch(InferenceScratchField)) w.WriteLine(line);
            w.WriteLine($"{Impl}.{PassEmitter.InferName}({ParametersField}, input, output, scratch);");
        }

        w.WriteLine();
        w.WriteLine("/// <summary>The index of the largest output for <paramref name=\"input\"/>, the first one on ties.</summary>");
        w.WriteLine("/// <param name=\"input\">Exactly <see cref=\"InputSize\"/> values.</param>");
        w.WriteLine("/// <exception cref=\"global::System.ArgumentException\">The input has the wrong length.</exception>");
        GeneratedMarks.Member(w);
        using (w.OpenBlock($"public int Classify({TypeNames.ReadOnlySpan} input)"))
        {
            CheckExact(w, "input", "InputSize", name);
            foreach (string line in inference.DeclareScratch(InferenceScratchField)) w.WriteLine(line);
            w.WriteLine($"{TypeNames.Span} output = scratch.Slice({inference.Size - model.OutputSize}, OutputSize);");
            w.WriteLine($"{Impl}.{PassEmitter.InferName}({ParametersField}, input, output, scratch);");
            w.WriteLine("int best = 0;");
            w.WriteLine("for (int i = 1; i < OutputSize; i++) if (output[i] > output[best]) best = i;");
            w.WriteLine("return best;");
        }

        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine("/// Inference on <paramref name=\"count\"/> examples stored row after row: no allocation after a thread's first call, safe");
        w.WriteLine($"/// to call from many threads at once. On .NET 8+ with Vector256 acceleration, {KernelPlan.BlockedInferenceRule} of 2 or");
        w.WriteLine("/// more examples run through batched matrix kernels that sum in another order, so rows agree with");
        w.WriteLine("/// <see cref=\"Forward(global::System.ReadOnlySpan{float}, global::System.Span{float})\"/> to float rounding rather than");
        w.WriteLine("/// bit for bit; one example gives exactly what that method gives.");
        w.WriteLine("/// </summary>");
        w.WriteLine("/// <param name=\"inputs\">At least <c>count * InputSize</c> values.</param>");
        w.WriteLine("/// <param name=\"outputs\">Receives <c>count * OutputSize</c> values.</param>");
        w.WriteLine("/// <param name=\"count\">The number of examples; 0 or more.</param>");
        w.WriteLine("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"count\"/> is negative or a span is too short.</exception>");
        GeneratedMarks.Member(w);
        using (w.OpenBlock($"public void ForwardBatch({TypeNames.ReadOnlySpan} inputs, {TypeNames.Span} outputs, int count)"))
        {
            CheckCount(w);
            CheckRows(w, "inputs", "InputSize", name);
            CheckRows(w, "outputs", "OutputSize", name);
            if (plan.BatchesInference) EmitBatchedInference(w, plan);
            foreach (string line in inference.DeclareScratch(InferenceScratchField)) w.WriteLine(line);
            w.WriteLine("for (int example = 0; example < count; example++)");
            w.Indent();
            w.WriteLine($"{Impl}.{PassEmitter.InferName}({ParametersField}, inputs.Slice(example * InputSize, InputSize), outputs.Slice(example * OutputSize, OutputSize), scratch);");
            w.Unindent();
        }

        w.WriteLine();
    }

    /// <summary>ForwardBatch's .NET 8+ branch: two or more examples through <c>InferBatch</c>.</summary>
    private static void EmitBatchedInference(IndentedTextWriter w, KernelPlan plan)
    {
        w.WriteDirective($"#if {TypeNames.Net8Symbol}");
        using (w.OpenBlock($"if ({TypeNames.Vector256Statics}.IsHardwareAccelerated && count > 1)"))
        {
            w.WriteLine("// Whole blocks of examples through batched matrix kernels. One example keeps the per-example pass, so that");
            w.WriteLine("// ForwardBatch of one example is bit-identical to Forward.");
            w.WriteLine($"float[] blockScratch = {InferenceBatchScratchField} ??= new float[{plan.InferenceBatchScratchSize}];");
            w.WriteLine($"{Impl}.{BatchPassEmitter.InferName}({ParametersField}, inputs, outputs, count, blockScratch);");
            w.WriteLine("return;");
        }

        w.WriteDirective("#endif");
    }

    private static void EmitTraining(IndentedTextWriter w, KernelPlan plan)
    {
        NetworkModel model = plan.Model;
        ScratchLayout training = plan.Training;
        string name = model.TypeName;
        bool dropout = HasDropout(model);
        w.WriteLine("/// <summary>Forward and backward pass on one example with dropout active; adds dLoss/dParameters to <see cref=\"Gradients\"/>.</summary>");
        w.WriteLine("/// <param name=\"input\">Exactly <see cref=\"InputSize\"/> values.</param>");
        w.WriteLine("/// <param name=\"target\">Exactly <see cref=\"OutputSize\"/> values: one-hot or probabilities for classification, raw values for regression.</param>");
        w.WriteLine("/// <returns>The example's loss.</returns>");
        w.WriteLine("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        GeneratedMarks.Member(w);
        w.WriteLine($"public float AccumulateGradients({TypeNames.ReadOnlySpan} input, {TypeNames.ReadOnlySpan} target) => AccumulateGradients(input, target, {GradientsField});");
        w.WriteLine();

        w.WriteLine("/// <summary>As <see cref=\"AccumulateGradients(global::System.ReadOnlySpan{float}, global::System.ReadOnlySpan{float})\"/>, into a caller's buffer: safe to call from many threads at once, each with its own buffer.</summary>");
        w.WriteLine("/// <param name=\"input\">Exactly <see cref=\"InputSize\"/> values.</param>");
        w.WriteLine("/// <param name=\"target\">Exactly <see cref=\"OutputSize\"/> values.</param>");
        w.WriteLine("/// <param name=\"gradients\">Exactly <see cref=\"ParameterCount\"/> values, in the layout of <see cref=\"Parameters\"/>; the gradient is added to them.</param>");
        w.WriteLine("/// <returns>The example's loss.</returns>");
        w.WriteLine("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        GeneratedMarks.Member(w);
        using (w.OpenBlock($"public float AccumulateGradients({TypeNames.ReadOnlySpan} input, {TypeNames.ReadOnlySpan} target, {TypeNames.Span} gradients)"))
        {
            CheckExact(w, "input", "InputSize", name);
            CheckExact(w, "target", "OutputSize", name);
            CheckExact(w, "gradients", "ParameterCount", name);
            w.WriteLine(dropout
                ? $"ulong stream = (ulong)({TypeNames.Interlocked}.Increment(ref {StreamField}) - 1);"
                : "const ulong stream = 0; // no dropout: the stream is unused");
            foreach (string line in training.DeclareScratch(TrainingScratchField)) w.WriteLine(line);
            w.WriteLine($"return {Impl}.{PassEmitter.TrainName}({ParametersField}, input, target, gradients, {SeedField}, stream, scratch);");
        }

        w.WriteLine();
        w.WriteLine("/// <summary>Forward and backward on <paramref name=\"count\"/> examples stored row after row; adds the summed gradients to <see cref=\"Gradients\"/>.</summary>");
        w.WriteLine("/// <param name=\"inputs\">At least <c>count * InputSize</c> values.</param>");
        w.WriteLine("/// <param name=\"targets\">At least <c>count * OutputSize</c> values.</param>");
        w.WriteLine("/// <param name=\"count\">The number of examples; 0 or more.</param>");
        w.WriteLine("/// <returns>The sum of the examples' losses.</returns>");
        w.WriteLine("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"count\"/> is negative or a span is too short.</exception>");
        GeneratedMarks.Member(w);
        using (w.OpenBlock($"public float AccumulateGradientsBatch({TypeNames.ReadOnlySpan} inputs, {TypeNames.ReadOnlySpan} targets, int count)"))
        {
            CheckCount(w);
            w.WriteLine(dropout
                ? $"ulong stream = (ulong)({TypeNames.Interlocked}.Add(ref {StreamField}, count) - count);"
                : "const ulong stream = 0; // no dropout: the stream is unused");
            w.WriteLine($"return AccumulateGradientsBatch(inputs, targets, count, {GradientsField}, stream);");
        }

        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine("/// Forward and backward on <paramref name=\"count\"/> examples into a caller's buffer, with explicit dropout randomness:");
        w.WriteLine("/// example <c>j</c> draws its mask from stream <c>dropoutStream + j</c>. Safe to call from many threads at once, each with its own buffer.");
        w.WriteLine("/// </summary>");
        WriteBufferedBatchParameterDocs(w);
        w.WriteLine("/// <returns>The sum of the examples' losses.</returns>");
        w.WriteLine("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"count\"/> is negative or a span has the wrong length.</exception>");
        GeneratedMarks.Member(w);
        w.WriteLine($"public float AccumulateGradientsBatch({TypeNames.ReadOnlySpan} inputs, {TypeNames.ReadOnlySpan} targets, int count, {TypeNames.Span} gradients, ulong dropoutStream) =>");
        w.Indent();
        w.WriteLine("AccumulateGradientsBatch(inputs, targets, count, gradients, dropoutStream, default);");
        w.Unindent();
        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine("/// As the overload without <paramref name=\"outputs\"/>, and writes each example's output from this training pass (dropout");
        w.WriteLine("/// active) to <paramref name=\"outputs\"/> unless it is empty: training metrics without a second forward pass.");
        w.WriteLine("/// </summary>");
        WriteBufferedBatchParameterDocs(w);
        w.WriteLine("/// <param name=\"outputs\">Empty, or at least <c>count * OutputSize</c> values: receives the outputs.</param>");
        w.WriteLine("/// <returns>The sum of the examples' losses.</returns>");
        w.WriteLine("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"count\"/> is negative or a span has the wrong length.</exception>");
        GeneratedMarks.Member(w);
        using (w.OpenBlock($"public float AccumulateGradientsBatch({TypeNames.ReadOnlySpan} inputs, {TypeNames.ReadOnlySpan} targets, int count, {TypeNames.Span} gradients, ulong dropoutStream, {TypeNames.Span} outputs)"))
        {
            CheckCount(w);
            CheckRows(w, "inputs", "InputSize", name);
            CheckRows(w, "targets", "OutputSize", name);
            CheckExact(w, "gradients", "ParameterCount", name);
            w.WriteLine("if (!outputs.IsEmpty)");
            w.Indent();
            CheckRows(w, "outputs", "OutputSize", name);
            w.Unindent();
            w.WriteDirective($"#if {TypeNames.Net8Symbol}");
            using (w.OpenBlock($"if ({TypeNames.Vector256Statics}.IsHardwareAccelerated && count > 1)"))
            {
                w.WriteLine("// Whole blocks of examples through batched matrix kernels. One example keeps the per-example pass, so that");
                w.WriteLine("// AccumulateGradientsBatch of one example is bit-identical to AccumulateGradients.");
                w.WriteLine($"float[] blockScratch = {BatchScratchField} ??= new float[{plan.TrainingBatchScratchSize}];");
                w.WriteLine($"return (float){Impl}.{BatchPassEmitter.Name}({ParametersField}, inputs, targets, count, gradients, {SeedField}, dropoutStream, outputs, blockScratch);");
            }

            w.WriteDirective("#endif");
            foreach (string line in training.DeclareScratch(TrainingScratchField)) w.WriteLine(line);
            w.WriteLine("// Summed in double so a large batch's total does not lose the small losses.");
            w.WriteLine("double loss = 0;");
            using (w.OpenBlock("for (int example = 0; example < count; example++)"))
            {
                w.WriteLine($"loss += {Impl}.{PassEmitter.TrainName}({ParametersField}, inputs.Slice(example * InputSize, InputSize), targets.Slice(example * OutputSize, OutputSize), gradients, {SeedField}, dropoutStream + (ulong)example, scratch);");
                w.WriteLine($"if (!outputs.IsEmpty) scratch.Slice({training.Activations[plan.Model.Stages().Count - 1]}, OutputSize).CopyTo(outputs.Slice(example * OutputSize, OutputSize));");
            }

            w.WriteLine("return (float)loss;");
        }

        w.WriteLine();
        w.WriteLine("/// <summary>Sets every element of <see cref=\"Gradients\"/> to 0.</summary>");
        GeneratedMarks.Member(w);
        w.WriteLine($"public void ZeroGradients() => global::System.Array.Clear({GradientsField}, 0, ParameterCount);");
        w.WriteLine();
        w.WriteLine("/// <summary>One line per layer with shapes and parameter counts, like Keras <c>summary()</c>.</summary>");
        GeneratedMarks.Member(w);
        w.WriteLine("public string Summary() => __netgenSummary;");
        w.WriteLine();
    }

    private static void EmitInterfaceMembers(IndentedTextWriter w)
    {
        w.WriteLine("// The constants share these names, so the interface's properties are implemented explicitly.");
        GeneratedMarks.Member(w);
        w.WriteLine($"int {TypeNames.INetwork}.InputSize => InputSize;");
        GeneratedMarks.Member(w);
        w.WriteLine($"int {TypeNames.INetwork}.OutputSize => OutputSize;");
        GeneratedMarks.Member(w);
        w.WriteLine($"int {TypeNames.INetwork}.ParameterCount => ParameterCount;");
        GeneratedMarks.Member(w);
        w.WriteLine($"int {TypeNames.INetwork}.LayerCount => LayerCount;");
        GeneratedMarks.Member(w);
        w.WriteLine($"{TypeNames.Architecture} {TypeNames.INetwork}.Architecture => Architecture;");
        w.WriteLine();
    }

    private static void CheckExact(IndentedTextWriter w, string span, string size, string network) =>
        w.WriteLine($"if ({span}.Length != {size}) {TypeNames.NetworkArgument}.ThrowWrongLength(nameof({span}), {span}.Length, \"{network}\", nameof({size}), {size});");

    private static void CheckRows(IndentedTextWriter w, string span, string size, string network) =>
        w.WriteLine($"{TypeNames.NetworkArgument}.CheckRows({span}.Length, nameof({span}), \"{network}\", nameof({size}), {size}, count);");

    /// <summary>The parameter docs both buffered <c>AccumulateGradientsBatch</c> overloads share.</summary>
    private static void WriteBufferedBatchParameterDocs(IndentedTextWriter w)
    {
        w.WriteLine("/// <param name=\"inputs\">At least <c>count * InputSize</c> values.</param>");
        w.WriteLine("/// <param name=\"targets\">At least <c>count * OutputSize</c> values.</param>");
        w.WriteLine("/// <param name=\"count\">The number of examples; 0 or more.</param>");
        w.WriteLine("/// <param name=\"gradients\">Exactly <see cref=\"ParameterCount\"/> values; the summed gradient is added to them.</param>");
        w.WriteLine("/// <param name=\"dropoutStream\">The first example's dropout stream.</param>");
    }

    private static void CheckCount(IndentedTextWriter w) =>
        w.WriteLine($"if (count < 0) {TypeNames.NetworkArgument}.ThrowNegativeCount(nameof(count), count);");
}
