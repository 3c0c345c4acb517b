using System;
using System.IO;
using NetGen;

// Modes (the tests start this with `dotnet NetGen.KilledChild.dll <mode> ...` and kill it):
//   save <target>          saves network A, then B, then A ... to <target> forever; prints "ready" before the first save.
//   network <seed> <path>  saves the network of that seed once (the reference bytes the tests compare with) and exits.
//   fit <checkpoint> <result> <epochs> <threads>
//                          trains with a checkpoint after every epoch, resuming from <checkpoint> if it exists, then
//                          saves the parameters to <result> and exits 0; prints "ready" before Fit starts.
if (args.Length == 0) return Usage();
switch (args[0])
{
    case "save" when args.Length == 2:
    {
        DynamicNetwork a = ChildNetworks.Saved(1), b = ChildNetworks.Saved(2);
        Console.Out.WriteLine("ready");
        Console.Out.Flush();
        for (long i = 0; ; i++) (i % 2 == 0 ? a : b).Save(args[1]);
    }
    case "network" when args.Length == 3:
        ChildNetworks.Saved(int.Parse(args[1])).Save(args[2]);
        return 0;
    case "fit" when args.Length == 5:
    {
        DynamicNetwork network = ChildNetworks.Trained();
        Dataset train = ChildNetworks.TrainingData(), validation = ChildNetworks.ValidationData();
        Console.Out.WriteLine("ready");
        Console.Out.Flush();
        network.Fit(train, ChildNetworks.Options(args[1], validation, int.Parse(args[3]), int.Parse(args[4])));
        network.Save(args[2]);
        return 0;
    }
    default:
        return Usage();
}

static int Usage()
{
    Console.Error.WriteLine("usage: save <target> | network <seed> <path> | fit <checkpoint> <result> <epochs> <threads>");
    return 2;
}
