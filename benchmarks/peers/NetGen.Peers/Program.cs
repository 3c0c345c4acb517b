using System;

namespace NetGen.Peers;

/// <summary>
/// NetGen and ONNX Runtime runners of benchmarks/peers; run.sh starts one process per measurement and reads the JSON line
/// each prints.
/// <code>
///   NetGen.Peers netgen i1-tiny|i1-medium|i2 --work DIR [--threads N] [--warmup S] [--seconds S] [--out FILE]
///   NetGen.Peers netgen t1 --work DIR --threads N --epochs E [--data DIR]
///   NetGen.Peers ort    i1-tiny|i1-medium|i2 --work DIR [--threads N] [--warmup S] [--seconds S] [--out FILE]
/// </code>
/// </summary>
internal static class Program
{
    private static int Main(string[] argv)
    {
        try
        {
            var args = new Arguments(argv, positional: 2);
            switch (args.Positional[0], args.Positional[1])
            {
                case ("netgen", "t1"):
                    NetGenRunner.Train(args);
                    break;
                case ("netgen", string workload):
                    NetGenRunner.Infer(workload, args);
                    break;
                case ("ort", string workload):
                    OrtRunner.Infer(workload, args);
                    break;
                default:
                    throw new ArgumentException($"unknown peer '{args.Positional[0]}'; expected netgen or ort.");
            }

            return 0;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"NetGen.Peers: {e.Message}");
            return 2;
        }
    }
}
