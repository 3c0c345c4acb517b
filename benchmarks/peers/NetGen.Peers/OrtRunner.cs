using System.Collections.Generic;
using System.IO;
using Microsoft.ML.OnnxRuntime;

namespace NetGen.Peers;

/// <summary>
/// ONNX Runtime C# on the ONNX files torch.onnx.export wrote, at its lowest-overhead settings: sequential execution,
/// every graph optimisation, intra-op threads = the thread count, and inputs and outputs bound once through
/// <see cref="OrtIoBinding"/> to pinned, pre-allocated <see cref="OrtValue"/>s, so a call is one <c>RunWithBinding</c>.
/// </summary>
internal static class OrtRunner
{
    public static void Infer(string workload, Arguments args)
    {
        string work = args.Text("work");
        int threads = args.Integer("threads", 1);
        var (network, examples, inputsPerExample, outputsPerExample) = PeerFiles.Workload(workload);
        float[] inputs = PeerFiles.Input(work, workload);
        float[] outputs = new float[examples * outputsPerExample];

        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        // Subnormals as zero, as NetGen's optimizers flush them (benchmarks/subnormal): never slower, and the outputs are
        // checked against NetGen's either way.
        options.AddSessionConfigEntry("session.set_denormal_as_zero", "1");
        using var session = new InferenceSession(Path.Combine(work, network + ".onnx"), options);
        using var input = OrtValue.CreateTensorValueFromMemory(inputs, new long[] { examples, inputsPerExample });
        using var output = OrtValue.CreateTensorValueFromMemory(outputs, new long[] { examples, outputsPerExample });
        using var binding = session.CreateIoBinding();
        binding.BindInput("x", input);
        binding.BindOutput("y", output);
        using var run = new RunOptions();

        session.RunWithBinding(run, binding);
        ResultLine.WriteOutputs(args.Optional("out"), outputs);
        CallTiming timing = CallTimer.Measure(() => { session.RunWithBinding(run, binding); CallTimer.Consume(outputs[0]); },
            args.Number("warmup", 2), args.Number("seconds", 2), multiThreaded: threads > 1);
        var versions = new Dictionary<string, string> { ["onnxruntime"] = OrtEnv.Instance().GetVersionString() };
        ResultLine.Inference("ort", workload, threads, examples, timing, versions, "IOBinding, RunWithBinding");
    }
}
