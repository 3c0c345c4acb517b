using System;
using System.IO;
using System.Linq;
using System.Threading;
using NetGen.Tests.Data;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests.Reliability;

/// <summary>
/// Save killed with SIGKILL at random moments: the target must always be, bit for bit, one of the two files the child
/// alternates between (never a mix, never truncated), and the temporary files a kill leaves must not disturb the next
/// save or load.
/// </summary>
[Collection(IsolatedCollection.Name)]
public sealed class SaveKillTests(ITestOutputHelper output)
{
    [Fact]
    public void ASaveKilledAtAnyMomentLeavesTheOldOrTheNewFile()
    {
        using var dir = new TempDirectory();
        string fileA = dir.File("a.safetensors"), fileB = dir.File("b.safetensors"), target = dir.File("target.safetensors");
        TimeSpan timeout = KilledChild.StartTimeout;
        KilledChild.Run(timeout, "network", "1", fileA);
        KilledChild.Run(timeout, "network", "2", fileB);
        byte[] a = File.ReadAllBytes(fileA), b = File.ReadAllBytes(fileB);
        Assert.NotEqual(a, b);
        File.Copy(fileA, target);

        int kills = ReliabilitySettings.Kills, sawA = 0, sawB = 0;
        var random = new Random(13);
        for (int i = 0; i < kills; i++)
        {
            using (KilledChild child = KilledChild.Start("save", target))
            {
                child.WaitUntilReady(timeout);
                // 0-150 ms: from before the first save's rename to many saves in (one save takes a few ms).
                Thread.Sleep(random.Next(150));
                Assert.False(child.HasExited, "the saving child exited by itself");
                child.Kill();
            }

            byte[] found = File.ReadAllBytes(target);
            if (found.AsSpan().SequenceEqual(a)) sawA++;
            else if (found.AsSpan().SequenceEqual(b)) sawB++;
            else Assert.Fail($"kill {i + 1}: the target ({found.Length} bytes) is neither the old file nor the new one");
        }

        string[] leftovers = Directory.GetFiles(dir.Path, ".target.safetensors.*.tmp");
        output.WriteLine($"{kills} kills: target was A {sawA} times, B {sawB} times; {leftovers.Length} temporary files left by kills mid-write");
        Assert.True(sawA > 0 && sawB > 0, "the kills should land both before and after some renames");
        Assert.NotEmpty(leftovers); // proof that kills landed inside a write, not only between saves

        // The leftovers are ignored: the next save and load work and see only the target.
        DynamicNetwork network = DynamicNetwork.Load(fileB);
        network.Save(target);
        Assert.Equal(b, File.ReadAllBytes(target));
        Assert.Equal(network.Parameters.ToArray(), DynamicNetwork.Load(target).Parameters.ToArray());
    }
}
