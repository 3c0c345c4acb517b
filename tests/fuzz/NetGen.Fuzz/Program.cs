using System;
using System.Collections.Generic;
using System.IO;
using SharpFuzz;

namespace NetGen.Fuzz;

/// <summary>
/// The fuzzing harness. <c>NetGen.Fuzz TARGET</c> runs under afl-fuzz (SharpFuzz's out-of-process mode: AFL writes each
/// input to the harness's standard input); <c>replay TARGET PATH...</c> runs saved inputs (a corpus, AFL's crashes)
/// once each and reports any that break the parser's contract; <c>seeds DIR</c> writes the seed corpus.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "seeds") return WriteSeeds(args[1]);
        if (args.Length >= 3 && args[0] == "replay") return Replay(FuzzTargets.Find(args[1]), args[2..]);
        if (args.Length == 1 && args[0] is not ("-h" or "--help"))
        {
            FuzzTarget target = FuzzTargets.Find(args[0]);
            string input = InputPath();
            Fuzzer.OutOfProcess.Run(stream =>
            {
                using (var file = File.Create(input)) stream.CopyTo(file);
                // A contract violation propagates and SharpFuzz reports it to AFL as a crash.
                ContractCheck.Run(target, input);
            });
            return 0;
        }

        Console.Error.WriteLine("usage: NetGen.Fuzz TARGET | replay TARGET PATH... | seeds DIR");
        Console.Error.WriteLine("targets: " + string.Join(", ", TargetNames()));
        return 2;
    }

    private static int Replay(FuzzTarget target, string[] paths)
    {
        var files = new List<string>();
        foreach (string path in paths)
        {
            if (Directory.Exists(path)) files.AddRange(Directory.GetFiles(path));
            else files.Add(path);
        }

        // AFL writes a README.txt into its crashes folder; a corpus may document itself in a README.md.
        files.RemoveAll(file => Path.GetFileName(file) is "README.txt" or "README.md");
        files.Sort(StringComparer.Ordinal);
        string input = InputPath();
        int failures = 0, rejected = 0;
        TimeSpan slowest = TimeSpan.Zero;
        foreach (string file in files)
        {
            File.Copy(file, input, overwrite: true);
            try
            {
                // An input over the time bound is run a second time and only a second excess fails, as in the property
                // suites: the first pass through a code path pays for JIT, and AFL's hangs include stalls of a loaded machine.
                TimeSpan elapsed = Timed(target, input, ref rejected);
                if (elapsed > MaxTimePerInput) elapsed = Timed(target, input, ref rejected, again: true);
                if (elapsed > slowest) slowest = elapsed;
                if (elapsed > MaxTimePerInput)
                {
                    failures++;
                    Console.WriteLine($"{file}: took {elapsed.TotalMilliseconds:F0} ms twice, over the {MaxTimePerInput.TotalSeconds:F0} s bound");
                }
            }
            catch (Exception e)
            {
                failures++;
                Console.WriteLine($"{file}: {e.GetType().Name}: {e.Message}");
            }
        }

        Console.WriteLine($"{target.Name}: {files.Count} inputs replayed, {rejected} rejected cleanly, {failures} broke the contract, " +
            $"slowest {slowest.TotalMilliseconds:F1} ms");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>The stated time bound per input (the property suites' <c>ParserCampaign.TimePerInput</c>).</summary>
    private static readonly TimeSpan MaxTimePerInput = TimeSpan.FromSeconds(2);

    private static TimeSpan Timed(FuzzTarget target, string input, ref int rejected, bool again = false)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        bool rejection = ContractCheck.Run(target, input) is not null;
        watch.Stop();
        if (rejection && !again) rejected++;
        return watch.Elapsed;
    }

    private static int WriteSeeds(string root)
    {
        foreach (FuzzTarget target in FuzzTargets.All)
        {
            string folder = Path.Combine(root, target.Name);
            Directory.CreateDirectory(folder);
            IReadOnlyList<byte[]> seeds = target.Seeds();
            for (int i = 0; i < seeds.Count; i++) File.WriteAllBytes(Path.Combine(folder, $"seed-{i}"), seeds[i]);
            Console.WriteLine($"{folder}: {seeds.Count} seeds");
        }

        return 0;
    }

    /// <summary>A per-process input file in memory-backed /dev/shm when there is one: AFL runs thousands of inputs a second.</summary>
    private static string InputPath()
    {
        string folder = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        return Path.Combine(folder, $"netgen-fuzz-input-{Environment.ProcessId}");
    }

    private static IEnumerable<string> TargetNames()
    {
        foreach (FuzzTarget target in FuzzTargets.All) yield return target.Name;
    }
}
