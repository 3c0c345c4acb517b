using System;
using System.Collections.Generic;
using System.IO;

namespace NetGen.Tests.Data;

/// <summary>
/// Feeds a loader thousands of damaged copies of a valid file (truncations, bit flips, byte overwrites with bytes that
/// matter to parsers, insertions and deletions) and records every outcome that is not either a successful load or an
/// <see cref="InvalidDataException"/> naming the file, and every attempt that allocated more than a bound.
/// </summary>
public sealed class CorruptionCampaign
{
    private static readonly byte[] Interesting = { 0x00, 0xFF, 0x7F, 0x80, 0x1F, 0x8B, (byte)'"', (byte)',', (byte)'\n', (byte)'\r', (byte)'{', (byte)'}', (byte)'[', (byte)'9', (byte)'-', (byte)'.' };

    /// <summary>
    /// Per-attempt allocation bound. The files are a few KB, so a loader that stays proportional to its input allocates
    /// tens of KB; 4 MB is far above that and far below what trusting a corrupted size field would cost (the headers
    /// here can claim gigabytes).
    /// </summary>
    public const long MaxBytesPerAttempt = 4L << 20;

    public int Rejected { get; private set; }

    public int Accepted { get; private set; }

    public List<string> Problems { get; } = new();

    /// <summary>Runs <paramref name="attempts"/> mutations of <paramref name="valid"/>, written to <paramref name="path"/> and read by <paramref name="load"/>.</summary>
    /// <param name="afterRejection">Called after each rejected load, e.g. to check nothing was modified; returns a problem or null.</param>
    public void Run(byte[] valid, string path, int attempts, ulong seed, Action load, Func<string?>? afterRejection = null)
    {
        var random = new NetGenRandom(seed);
        for (int attempt = 0; attempt < attempts && Problems.Count < 20; attempt++)
        {
            (byte[] bytes, string how) = Mutate(valid, ref random);
            File.WriteAllBytes(path, bytes);
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                load();
                Accepted++;
            }
            catch (InvalidDataException e)
            {
                Rejected++;
                if (!e.Message.Contains(path, StringComparison.Ordinal)) Problems.Add($"{how}: message does not name the file: {e.Message}");
                if (afterRejection?.Invoke() is { } problem) Problems.Add($"{how}: {problem}");
            }
            catch (Exception e)
            {
                Problems.Add($"{how}: {e.GetType().Name}: {e.Message}");
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated > MaxBytesPerAttempt) Problems.Add($"{how}: allocated {allocated} bytes");
        }
    }

    private static (byte[] Bytes, string How) Mutate(byte[] valid, ref NetGenRandom random)
    {
        int kind = random.NextInt(5);
        // Headers hold the size fields and structure; aim a quarter of the damage at the first 64 bytes.
        int Position(ref NetGenRandom r, int length) => r.NextInt(4) == 0 ? r.NextInt(Math.Min(64, length)) : r.NextInt(length);
        switch (kind)
        {
            case 0:
            {
                int length = random.NextInt(valid.Length);
                return (valid[..length], $"truncate to {length}");
            }
            case 1:
            {
                byte[] b = (byte[])valid.Clone();
                int flips = 1 + random.NextInt(4);
                var where = new List<string>();
                for (int i = 0; i < flips; i++)
                {
                    int p = Position(ref random, b.Length), bit = random.NextInt(8);
                    b[p] ^= (byte)(1 << bit);
                    where.Add($"{p}.{bit}");
                }

                return (b, $"flip bits {string.Join(" ", where)}");
            }
            case 2:
            {
                byte[] b = (byte[])valid.Clone();
                int p = Position(ref random, b.Length);
                byte v = random.NextInt(2) == 0 ? Interesting[random.NextInt(Interesting.Length)] : (byte)random.NextInt(256);
                b[p] = v;
                return (b, $"set byte {p} to 0x{v:X2}");
            }
            case 3:
            {
                int p = Position(ref random, valid.Length);
                byte v = Interesting[random.NextInt(Interesting.Length)];
                return ([.. valid[..p], v, .. valid[p..]], $"insert 0x{v:X2} at {p}");
            }
            default:
            {
                int p = Position(ref random, valid.Length);
                return ([.. valid[..p], .. valid[(p + 1)..]], $"delete byte {p}");
            }
        }
    }
}
