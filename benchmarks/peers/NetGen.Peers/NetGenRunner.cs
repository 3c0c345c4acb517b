using System;
using System.Collections.Generic;
using System.IO;
using NetGen.Benchmarks;

namespace NetGen.Peers;

/// <summary>NetGen's side: the generated <c>Forward</c> (I1), <c>ForwardBatch</c> (I2) and <c>Fit</c> (T1).</summary>
internal static class NetGenRunner
{
    private static readonly Dictionary<string, string> Versions = new()
    {
        ["NetGen"] = typeof(INetwork).Assembly.GetName().Version?.ToString() ?? "?",
    };

    private static INetwork Create(string work, string network)
    {
        INetwork net = network switch
        {
            "tiny" => new TinyNet(seed: 1),
            "medium" => new MediumNet(seed: 1),
            _ => new TrainingNet(seed: 1),
        };
        net.Load(Path.Combine(work, network + ".safetensors")); // PyTorch's state dict: every peer runs these weights
        return net;
    }

    public static void Infer(string workload, Arguments args)
    {
        string work = args.Text("work");
        int threads = args.Integer("threads", 1);
        var (networkName, examples, _, outputsPerExample) = PeerFiles.Workload(workload);
        INetwork network = Create(work, networkName);
        float[] inputs = PeerFiles.Input(work, workload);
        float[] outputs = new float[examples * outputsPerExample];
        double warmup = args.Number("warmup", 2), seconds = args.Number("seconds", 2);
        string? method = null;
        CallTiming timing;
        if (examples == 1)
        {
            // The concrete generated type, as a user holding their network calls it (no interface dispatch).
            switch (network)
            {
                case TinyNet tiny:
                    tiny.Forward(inputs, outputs);
                    ResultLine.WriteOutputs(args.Optional("out"), outputs);
                    timing = CallTimer.Measure(() => { tiny.Forward(inputs, outputs); CallTimer.Consume(outputs[0]); }, warmup, seconds, false);
                    break;
                case MediumNet medium:
                    medium.Forward(inputs, outputs);
                    ResultLine.WriteOutputs(args.Optional("out"), outputs);
                    timing = CallTimer.Measure(() => { medium.Forward(inputs, outputs); CallTimer.Consume(outputs[0]); }, warmup, seconds, false);
                    break;
                default:
                    throw new InvalidOperationException(networkName);
            }
        }
        else if (threads == 1)
        {
            var large = (TrainingNet)network;
            large.ForwardBatch(inputs, outputs, examples);
            ResultLine.WriteOutputs(args.Optional("out"), outputs);
            method = "ForwardBatch(inputs, outputs, count)";
            timing = CallTimer.Measure(() => { large.ForwardBatch(inputs, outputs, examples); CallTimer.Consume(outputs[0]); }, warmup, seconds, false);
        }
        else
        {
            using var split = new SplitForwardBatch(network, threads);
            split.Run(inputs, outputs, examples);
            ResultLine.WriteOutputs(args.Optional("out"), outputs);
            method = split.Method;
            timing = CallTimer.Measure(() => { split.Run(inputs, outputs, examples); CallTimer.Consume(outputs[0]); }, warmup, seconds, true);
        }

        ResultLine.Inference("netgen", workload, threads, examples, timing, Versions, method);
    }

    /// <summary>
    /// T1: <c>Fit</c> on the 60,000 Fashion-MNIST training images from PyTorch's initial weights, one call for all epochs
    /// (the worker threads persist for the call, as a user's training would run), each epoch's seconds from
    /// <see cref="EpochResult.Seconds"/>, then test accuracy.
    /// </summary>
    public static void Train(Arguments args)
    {
        string work = args.Text("work");
        int threads = args.Integer("threads", 1), epochs = args.Integer("epochs", 4);
        // The shuffle (and nothing else: the weights come from PyTorch's export) depends on the seed; run.sh's
        // --accuracy-seeds trains with several to show the test accuracy's spread against PyTorch's.
        int seed = args.Integer("seed", 1);
        var (train, test) = PeerFiles.FashionMnist(args.Text("data", "/usr/share/datasets/fashion-mnist"));
        INetwork network = Create(work, "large");
        var epochSeconds = new EpochSeconds();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        network.Fit(train, new TrainingOptions
        {
            Epochs = epochs,
            BatchSize = 64,
            Optimizer = new Adam(1e-3f),
            Threads = threads,
            Seed = seed,
            MeasureTrainingAccuracy = true,
            Progress = epochSeconds,
        });
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        double accuracy = network.Evaluate(test).Accuracy ?? double.NaN;
        ResultLine.Training("netgen", threads, epochSeconds.Seconds, accuracy, Versions, (double)allocated / epochs);
    }

    /// <summary>Collects each epoch's time synchronously on the training thread (Progress&lt;T&gt; would post it elsewhere).</summary>
    private sealed class EpochSeconds : IProgress<EpochResult>
    {
        public List<double> Seconds { get; } = new();

        public void Report(EpochResult value) => Seconds.Add(value.Seconds);
    }
}
