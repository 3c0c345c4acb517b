using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using CsCheck;
using NetGen.Fuzz;
using Xunit;

namespace NetGen.Tests.Fuzzing;

/// <summary>
/// Runs one parser over CsCheck-generated inputs and enforces, for every input, the contract of
/// <see cref="ContractCheck"/> (load, or <see cref="InvalidDataException"/> naming file and position) plus a memory and a
/// time bound, and for weight-file targets that a rejected load left the network's parameters untouched, byte for byte; afterwards it checks how many distinct inputs were tried. A violation fails the CsCheck sample, which
/// shrinks it and reports the smallest failing input and the seed to replay it.
/// </summary>
public sealed class ParserCampaign
{
    /// <summary>
    /// Allocation allowed per input byte. The loaders keep the file, the decompressed bytes, the CSV text (2 bytes per
    /// character) and its records, then the dataset's floats. The costliest input per byte is a CSV of one-character
    /// lines ("a\n"): per 2 bytes a record object, its field array and a string, about 100 bytes, i.e. 50 per byte; 64
    /// leaves room for the list doubling. A loader that trusted a size field instead would exceed it by orders of
    /// magnitude (the generated headers claim up to 2^63 bytes).
    /// </summary>
    public const int AllocationPerInputByte = 64;

    /// <summary>Fixed allocation allowed per input: stream buffers, the 80 KB gzip chunk, the network under load, messages.</summary>
    public const long AllocationConstant = 512 * 1024;

    /// <summary>
    /// Longest time allowed for one input. Inputs here are at most a few tens of KB and take well under a millisecond;
    /// 2 s allows for a garbage collection or a descheduled thread on a loaded CI machine, while a parser that loops on
    /// some input (or works quadratically on it) would pass it.
    /// </summary>
    public static readonly TimeSpan TimePerInput = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The most distinct inputs a run is required to reach, whatever its length: the 10,000 the hardening promise names.
    /// Beyond it the share of repeats grows with the length of the run for parsers whose small inputs have few forms
    /// (IDX label files: 158,049 distinct of 200,000 in a long campaign), which says nothing about the generator's reach.
    /// </summary>
    public const long MostDistinctRequired = 10_000;

    /// <summary>
    /// Inputs per parser per run: 2,000 in the plain test run (a few seconds), NETGEN_FUZZ_INPUTS otherwise; the CI step
    /// (.ci/steps/40-hardening.sh) sets 12,000, and at least 5/6 of them must be distinct, so CI tries 10,000 distinct
    /// inputs per parser. The long campaign sets hundreds of thousands or more; there the requirement stays at
    /// <see cref="MostDistinctRequired"/>.
    /// </summary>
    public static long InputsPerRun =>
        long.TryParse(Environment.GetEnvironmentVariable("NETGEN_FUZZ_INPUTS"), out long n) && n > 0 ? n : 2_000;

    private readonly HashSet<string> _distinct = new(StringComparer.Ordinal);

    public int Accepted { get; private set; }

    public int Rejected { get; private set; }

    public int Distinct => _distinct.Count;

    /// <summary>Largest allocation per (input + decompressed) byte among inputs of 1 KB or more, where the constant part matters less.</summary>
    public double WorstAllocationPerByte { get; private set; }

    /// <summary>Largest allocation for one input, in bytes.</summary>
    public long MostAllocated { get; private set; }

    public TimeSpan SlowestInput { get; private set; }

    /// <summary>Inputs over the memory or time bound on their first load, measured again (see <see cref="Check"/>).</summary>
    public int Remeasured { get; private set; }

    /// <summary>For a weight-file target: the network every input is loaded into, and its parameters before any load.</summary>
    private INetwork? _network;
    private byte[] _parameters = Array.Empty<byte>();

    /// <summary>Samples <paramref name="inputs"/> into <paramref name="target"/> and checks the totals.</summary>
    public static ParserCampaign Run(FuzzTarget target, Gen<byte[]> inputs, string seed, Action<string> log)
    {
        var campaign = new ParserCampaign();
        if (target.Network is not null)
        {
            // Parameters that no valid file holds (every one distinct, none zero), so a partial write would show.
            campaign._network = target.Network();
            Span<float> parameters = campaign._network.Parameters;
            for (int i = 0; i < parameters.Length; i++) parameters[i] = 0.5f + i * 1e-3f;
            campaign._parameters = MemoryMarshal.AsBytes(parameters).ToArray();
        }

        string path = Path.Combine(Path.GetTempPath(), $"netgen-cscheck-{Environment.ProcessId}-{target.Name}-{Guid.NewGuid():N}");
        try
        {
            // One thread: the allocation counter is per thread anyway, and the other core serves the other test classes.
            inputs.Sample(bytes => campaign.Check(target, path, bytes), seed: seed, iter: InputsPerRun, threads: 1,
                print: bytes => $"{bytes.Length} bytes: {Convert.ToHexString(bytes, 0, Math.Min(bytes.Length, 256))}");
        }
        finally
        {
            File.Delete(path);
        }

        log($"{target.Name}: {campaign.Distinct} distinct inputs, {campaign.Rejected} rejected, {campaign.Accepted} loaded; "
            + $"most allocated {campaign.MostAllocated} B, worst {campaign.WorstAllocationPerByte:F1} B per input byte at 1 KB+ (bound {AllocationPerInputByte} B/byte + {AllocationConstant} B), slowest {campaign.SlowestInput.TotalMilliseconds:F1} ms; {campaign.Remeasured} inputs over a bound at first measured again");
        long required = Math.Min(InputsPerRun * 5 / 6, MostDistinctRequired);
        Assert.True(campaign.Distinct >= required, $"only {campaign.Distinct} distinct inputs of {InputsPerRun}; the generator repeats itself");
        // A parser that accepted (or rejected) everything would pass the per-input checks vacuously.
        Assert.True(campaign.Rejected > 0 && campaign.Accepted > 0, $"{campaign.Rejected} rejected, {campaign.Accepted} loaded: the inputs do not reach both outcomes");
        return campaign;
    }

    private void Check(FuzzTarget target, string path, byte[] bytes)
    {
        File.WriteAllBytes(path, bytes);
        long decompressed = DecompressedLength(bytes);
        INetwork? network = _network;
        Action<string> parse = network is null ? target.Run : file => target.LoadInto!(network, file);
        (InvalidDataException? rejection, TimeSpan elapsed, long allocated) = Measure(target, parse, path);
        long bound = AllocationPerInputByte * (bytes.Length + decompressed) + AllocationConstant;
        if (allocated > bound || elapsed > TimePerInput)
        {
            // Measured again before it counts: the first pass through a code path (JIT, type loading, an exception's
            // resource strings) allocates up to about 1 MB once per process, and a loaded machine can stall a thread.
            // Both are gone the second time; what the parser itself allocates or loops over is not.
            (rejection, elapsed, allocated) = Measure(target, parse, path);
            lock (_distinct) Remeasured++;
        }

        if (allocated > bound)
            throw new InvalidOperationException($"{target.Name}: allocated {allocated} bytes for a {bytes.Length}-byte input ({decompressed} decompressed), twice; the bound is {bound}");
        if (elapsed > TimePerInput)
            throw new TimeoutException($"{target.Name}: one input took {elapsed.TotalMilliseconds:F0} ms, twice; the bound is {TimePerInput.TotalMilliseconds} ms");

        lock (_distinct)
        {
            _distinct.Add(Convert.ToHexString(SHA256.HashData(bytes)));
            if (rejection is null) Accepted++;
            else Rejected++;
            if (bytes.Length + decompressed >= 1024)
                WorstAllocationPerByte = Math.Max(WorstAllocationPerByte, allocated / (double)(bytes.Length + decompressed));
            MostAllocated = Math.Max(MostAllocated, allocated);
            if (elapsed > SlowestInput) SlowestInput = elapsed;
        }
    }

    /// <summary>One load of <paramref name="path"/>: its clean rejection (if any), its time and its allocation; for a weight-file target, checks the parameters after it.</summary>
    private (InvalidDataException? Rejection, TimeSpan Elapsed, long Allocated) Measure(FuzzTarget target, Action<string> parse, string path)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        InvalidDataException? rejection = ContractCheck.Run(parse, path);
        TimeSpan elapsed = clock.Elapsed;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (_network is not null)
        {
            Span<byte> now = MemoryMarshal.AsBytes(_network.Parameters);
            if (rejection is not null && !now.SequenceEqual(_parameters))
                throw new InvalidOperationException($"{target.Name}: a rejected load changed the network's parameters ({rejection.Message})");
            // A load that succeeded replaced them; put the marker values back so the next rejection is checked against them.
            _parameters.CopyTo(now);
        }

        return (rejection, elapsed, allocated);
    }

    /// <summary>How many bytes a gzip input yields before it ends or breaks (0 for other input): what the loader may hold.</summary>
    private static long DecompressedLength(byte[] bytes)
    {
        if (bytes.Length < 2 || bytes[0] != 0x1F || bytes[1] != 0x8B) return 0;
        long total = 0;
        var chunk = new byte[81920];
        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            int n;
            while ((n = gzip.Read(chunk, 0, chunk.Length)) > 0) total += n;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // The loader stops here too.
        }

        return total;
    }
}
