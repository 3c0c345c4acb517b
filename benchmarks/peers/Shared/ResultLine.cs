using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace NetGen.Peers;

/// <summary>One JSON object per measurement on stdout, the format run.sh's report reads (the same keys as python/peers.py).</summary>
internal static class ResultLine
{
    public static void Inference(string peer, string workload, int threads, int examples, CallTiming timing,
        IReadOnlyDictionary<string, string> versions, string? method = null)
    {
        var line = new Dictionary<string, object?>
        {
            ["peer"] = peer, ["workload"] = workload, ["threads"] = threads, ["examples"] = examples,
            ["median_s"] = timing.MedianSeconds, ["min_s"] = timing.MinSeconds, ["samples"] = timing.Samples,
            ["calls_per_sample"] = timing.CallsPerSample, ["allocated_bytes_per_call"] = timing.AllocatedBytesPerCall,
            ["versions"] = Versions(versions),
        };
        if (method is not null) line["method"] = method;
        Console.WriteLine(JsonSerializer.Serialize(line));
    }

    public static void Training(string peer, int threads, IReadOnlyList<double> epochSeconds, double testAccuracy,
        IReadOnlyDictionary<string, string> versions, double? allocatedBytesPerEpoch = null)
    {
        var line = new Dictionary<string, object?>
        {
            ["peer"] = peer, ["workload"] = "t1", ["threads"] = threads, ["epoch_s"] = epochSeconds,
            ["test_accuracy"] = testAccuracy, ["epochs"] = epochSeconds.Count, ["versions"] = Versions(versions),
        };
        if (allocatedBytesPerEpoch is { } bytes) line["allocated_bytes_per_epoch"] = bytes;
        Console.WriteLine(JsonSerializer.Serialize(line));
    }

    /// <summary>Writes outputs as little-endian float32, the format run.sh compares across peers.</summary>
    public static void WriteOutputs(string? path, ReadOnlySpan<float> outputs)
    {
        if (path is null) return;
        File.WriteAllBytes(path, MemoryMarshal.AsBytes(outputs).ToArray());
    }

    private static Dictionary<string, string> Versions(IReadOnlyDictionary<string, string> versions)
    {
        var all = new Dictionary<string, string>(versions) { [".NET"] = Environment.Version.ToString() };
        return all;
    }
}
