using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using NetGen.Tests.Data;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests.Reliability;

/// <summary>
/// Fit with a checkpoint after every epoch, killed with SIGKILL at random moments and restarted with the same call each
/// time, must end with the parameters of a run never interrupted, bit for bit (same thread count: 2). Each kill comes
/// after a random delay up to the length of the uninterrupted run, so a restarted run often gets killed again before it
/// finishes; a run that does finish is compared and a fresh one started.
/// </summary>
[Collection(IsolatedCollection.Name)]
public sealed class CheckpointKillTests(ITestOutputHelper output)
{
    private const string Epochs = "30", Threads = "2";

    [Fact]
    public void ARunKilledAndRestartedEndsBitIdenticalToAnUninterruptedOne()
    {
        using var dir = new TempDirectory();
        TimeSpan run = TimeSpan.FromMinutes(5);
        string reference = dir.File("reference.safetensors"), result = dir.File("result.safetensors"), checkpoint = dir.File("run.ckpt");
        // The uninterrupted reference, timed so that kills can be spread over a whole run however loaded the machine is.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using (KilledChild child = KilledChild.Start("fit", dir.File("reference.ckpt"), reference, Epochs, Threads))
        {
            child.WaitUntilReady(KilledChild.StartTimeout);
            watch.Restart();
            child.WaitForExit(run);
        }

        int runMilliseconds = Math.Max(100, (int)watch.ElapsedMilliseconds);

        byte[] expected = File.ReadAllBytes(reference);
        var random = new Random(17);
        var killedAt = new List<string>();
        int kills = ReliabilitySettings.CheckpointKills, completed = 0;
        while (killedAt.Count < kills)
        {
            using (KilledChild child = KilledChild.Start("fit", checkpoint, result, Epochs, Threads))
            {
                child.WaitUntilReady(KilledChild.StartTimeout);
                Thread.Sleep(random.Next(runMilliseconds)); // kills land anywhere from the start of Fit to its last epoch
                if (!child.HasExited)
                {
                    child.Kill();
                    killedAt.Add(File.Exists(checkpoint) ? WeightFileExtensions.ReadMetadata(checkpoint)["netgen.checkpoint.epoch"] : "none");
                }
                else
                {
                    child.WaitForExit(run); // exited by itself: it must have succeeded
                }
            }

            if (File.Exists(result))
            {
                // A run finished between kills: it must match, and the next kills interrupt a fresh run.
                Assert.Equal(expected, File.ReadAllBytes(result));
                completed++;
                File.Delete(result);
                File.Delete(checkpoint);
            }
        }

        KilledChild.Run(run, "fit", checkpoint, result, Epochs, Threads); // the same call, to completion
        completed++;
        output.WriteLine($"{killedAt.Count} kills over {completed} interrupted runs; checkpoint epoch at each kill: {string.Join(", ", killedAt)}");
        Assert.Contains(killedAt, epoch => epoch != "none"); // some kills resumed from a checkpoint, not from scratch
        Assert.Equal(expected, File.ReadAllBytes(result));
    }
}
