using System;
using System.Collections.Generic;
using System.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace NetGen.Peers;

/// <summary>
/// TorchSharp (libtorch CPU) peer of benchmarks/peers, in its own project so its native package stays out of NetGen.sln.
/// <code>
///   NetGen.Peers.TorchSharp i2 --work DIR --threads N [--warmup S] [--seconds S] [--out FILE]
///   NetGen.Peers.TorchSharp t1 --work DIR --threads N --epochs E [--data DIR]
///   NetGen.Peers.TorchSharp probe      (loads libtorch; run.sh leaves TorchSharp out when this fails)
/// </code>
/// Weights come from DIR/large.f32 (the PyTorch module's parameters in NetGen's layout); threads from
/// <c>torch.set_num_threads</c> (and OMP_NUM_THREADS, set by run.sh before the process starts).
/// </summary>
internal static class Program
{
    private static readonly int[] Sizes = { 784, 256, 128, 10 };

    private static int Main(string[] argv)
    {
        try
        {
            var args = new Arguments(argv, positional: 1);
            if (args.Positional[0] == "probe")
            {
                Console.WriteLine($"TorchSharp loads libtorch: {torch.get_num_threads()} threads by default");
                return 0;
            }

            int threads = args.Integer("threads", 1);
            torch.set_num_threads(threads);
            var versions = new Dictionary<string, string> { ["TorchSharp"] = typeof(torch).Assembly.GetName().Version?.ToString() ?? "?" };
            switch (args.Positional[0])
            {
                case "i2":
                    Infer(args, threads, versions);
                    break;
                case "t1":
                    Train(args, threads, versions);
                    break;
                default:
                    throw new ArgumentException($"unknown workload '{args.Positional[0]}'; expected i2 or t1.");
            }

            return 0;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"NetGen.Peers.TorchSharp: {e.Message}");
            return 2;
        }
    }

    /// <summary>784-256-128-10 as nn.Sequential with the shared weights; <paramref name="softmax"/> adds the output activation.</summary>
    private static nn.Module<Tensor, Tensor> Model(string work, bool softmax)
    {
        int count = 0;
        for (int l = 1; l < Sizes.Length; l++) count += Sizes[l - 1] * Sizes[l] + Sizes[l];
        float[] flat = PeerFiles.ReadFloats(Path.Combine(work, "large.f32"), count);
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        int at = 0;
        for (int l = 1; l < Sizes.Length; l++)
        {
            int fanIn = Sizes[l - 1], fanOut = Sizes[l];
            var linear = nn.Linear(fanIn, fanOut);
            using (torch.no_grad())
            {
                linear.weight!.copy_(torch.tensor(flat.AsSpan(at, fanIn * fanOut).ToArray(), new long[] { fanOut, fanIn }));
                at += fanIn * fanOut;
                linear.bias!.copy_(torch.tensor(flat.AsSpan(at, fanOut).ToArray(), new long[] { fanOut }));
                at += fanOut;
            }

            layers.Add(($"{2 * (l - 1)}", linear));
            if (l < Sizes.Length - 1) layers.Add(($"{2 * (l - 1) + 1}", nn.ReLU()));
        }

        if (softmax) layers.Add(("softmax", nn.Softmax(1)));
        return nn.Sequential(layers);
    }

    private static void Infer(Arguments args, int threads, Dictionary<string, string> versions)
    {
        string work = args.Text("work");
        float[] inputs = PeerFiles.Input(work, "i2");
        const int Examples = 256;
        var model = Model(work, softmax: true);
        model.eval();
        using Tensor x = torch.tensor(inputs, new long[] { Examples, Sizes[0] });
        using (torch.no_grad())
        {
            using (Tensor first = model.forward(x))
                ResultLine.WriteOutputs(args.Optional("out"), first.data<float>().ToArray());
            CallTiming timing = CallTimer.Measure(() =>
            {
                using var scope = torch.NewDisposeScope();
                model.forward(x);
            }, args.Number("warmup", 2), args.Number("seconds", 2), multiThreaded: threads > 1);
            ResultLine.Inference("torchsharp", "i2", threads, Examples, timing, versions, "no_grad, Sequential.forward");
        }
    }

    private static void Train(Arguments args, int threads, Dictionary<string, string> versions)
    {
        string work = args.Text("work");
        int epochs = args.Integer("epochs", 4);
        var (train, test) = PeerFiles.FashionMnist(args.Text("data", "/usr/share/datasets/fashion-mnist"));
        torch.manual_seed(1);
        var model = Model(work, softmax: false); // logits: CrossEntropyLoss applies log-softmax
        var optimizer = torch.optim.Adam(model.parameters(), lr: 1e-3);
        var loss = nn.CrossEntropyLoss();
        using Tensor x = torch.tensor(train.AllFeatures.ToArray(), new long[] { train.Count, Sizes[0] });
        using Tensor y = torch.tensor(Labels(train), new long[] { train.Count });
        const int Batch = 64;
        var seconds = new List<double>();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            using Tensor order = torch.randperm(train.Count);
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            for (int b = 0; b < train.Count; b += Batch)
            {
                using var scope = torch.NewDisposeScope();
                Tensor idx = order.slice(0, b, Math.Min(b + Batch, train.Count), 1);
                optimizer.zero_grad();
                Tensor cost = loss.forward(model.forward(x.index_select(0, idx)), y.index_select(0, idx));
                cost.backward();
                optimizer.step();
            }

            seconds.Add(System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        double accuracy;
        using (torch.no_grad())
        using (var scope = torch.NewDisposeScope())
        {
            Tensor tx = torch.tensor(test.AllFeatures.ToArray(), new long[] { test.Count, Sizes[0] });
            Tensor ty = torch.tensor(Labels(test), new long[] { test.Count });
            accuracy = model.forward(tx).argmax(1).eq(ty).to_type(ScalarType.Float32).mean().item<float>();
        }

        ResultLine.Training("torchsharp", threads, seconds, accuracy, versions);
    }

    private static long[] Labels(Dataset data)
    {
        var labels = new long[data.Count];
        for (int i = 0; i < labels.Length; i++) labels[i] = data.Label(i);
        return labels;
    }
}
