using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NetGen.Tests.Data;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>
/// TrainingOptions.CheckpointPath in-process: resuming gives bit-identical parameters, and a checkpoint that does not fit
/// the call is refused by name with nothing changed. The SIGKILL version is Reliability/CheckpointKillTests.
/// </summary>
[Collection(NetGen.Tests.Reliability.IsolatedCollection.Name)]
public sealed class CheckpointTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static DynamicNetwork Network(int seed = 4) =>
        DynamicNetwork.Builder(6).Dense(16, Activation.Relu).Dropout(0.25f).Dense(3, Activation.Softmax).Build(seed);

    private static readonly Dataset Train = Nets.Blobs(300, 6, 3, seed: 21), Validation = Nets.Blobs(90, 6, 3, seed: 22);

    private static TrainingOptions Options(string? checkpoint, int epochs, Action<TrainingOptions>? change = null)
    {
        var options = new TrainingOptions
        {
            Epochs = epochs, BatchSize = 8, Threads = 2, Seed = 9, Optimizer = new Adam(0.02f), Validation = Validation,
            EarlyStoppingPatience = 4, CheckpointPath = checkpoint,
        };
        change?.Invoke(options);
        return options;
    }

    private static (float[] Parameters, TrainingHistory History) Uninterrupted(string? checkpoint, int epochs)
    {
        DynamicNetwork network = Network();
        TrainingHistory history = network.Fit(Train, Options(checkpoint, epochs));
        return (network.Parameters.ToArray(), history);
    }

    [Fact]
    public void ACheckpointDoesNotChangeTheRun()
    {
        (float[] without, TrainingHistory h1) = Uninterrupted(null, 6);
        (float[] with, TrainingHistory h2) = Uninterrupted(_dir.File("run.ckpt"), 6);
        Assert.Equal(without, with);
        Assert.Equal(h1.Select(r => r.ValidationLoss), h2.Select(r => r.ValidationLoss));
        Assert.True(File.Exists(_dir.File("run.ckpt")));
    }

    [Fact]
    public void AShorterCallResumedWithMoreEpochsEndsBitIdentical()
    {
        (float[] expected, TrainingHistory full) = Uninterrupted(null, 8);
        string path = _dir.File("resume.ckpt");
        Network().Fit(Train, Options(path, 3));

        DynamicNetwork resumed = Network();
        resumed.Parameters.Fill(0.5f); // the checkpoint's parameters must replace these
        var reported = new System.Collections.Generic.List<int>();
        TrainingHistory history = resumed.Fit(Train, Options(path, 8, o => o.Progress = new SyncProgress<EpochResult>(r => reported.Add(r.Epoch))));
        Assert.Equal(expected, resumed.Parameters.ToArray());
        Assert.Equal(full.Select(r => (r.Epoch, r.TrainLoss, r.ValidationLoss)), history.Select(r => (r.Epoch, r.TrainLoss, r.ValidationLoss)));
        Assert.Equal(full.BestEpoch, history.BestEpoch);
        Assert.Equal(Enumerable.Range(4, history.Count - 3), reported); // only the epochs this call ran
    }

    [Fact]
    public void ARunCancelledMidEpochAndRestartedEndsBitIdentical()
    {
        (float[] expected, _) = Uninterrupted(null, 7);
        string path = _dir.File("cancel.ckpt");
        using var cts = new CancellationTokenSource();
        TrainingHistory first = Network().Fit(Train, Options(path, 7, o =>
        {
            o.CancellationToken = cts.Token;
            o.BatchProgress = new SyncProgress<BatchProgress>(p => { if (p.Epoch == 4 && p.Batch == 11) cts.Cancel(); });
        }));
        Assert.True(first.Cancelled);

        DynamicNetwork restarted = Network();
        restarted.Fit(Train, Options(path, 7));
        Assert.Equal(expected, restarted.Parameters.ToArray());
    }

    [Fact]
    public void RepeatingAFinishedCallReturnsItsResultWithoutTraining()
    {
        string path = _dir.File("done.ckpt");
        (float[] expected, TrainingHistory history) = Uninterrupted(path, 5);
        var optimizer = new Adam(0.02f);
        DynamicNetwork again = Network();
        again.Parameters.Fill(-1f);
        TrainingHistory repeated = again.Fit(Train, Options(path, 5, o => o.Optimizer = optimizer));
        Assert.Equal(expected, again.Parameters.ToArray());
        Assert.Equal(history.Count, repeated.Count);
        Assert.Equal(history.RestoredBestEpoch, repeated.RestoredBestEpoch);
        Assert.Equal(5 * ((Train.Count + 7) / 8), optimizer.StepCount); // the checkpoint's steps, none taken here
    }

    public static TheoryData<string, string> Incompatible => new()
    {
        { "Seed", "Seed '9' but this call has '10'" },
        { "BatchSize", "BatchSize '8' but this call has '9'" },
        { "Threads", "training threads '2' but this call has '1'" },
        { "L2", "L2 '0' but this call has '0.5'" },
        { "LearningRate", "lr=0.02" },
        { "Optimizer", "NetGen.Adam lr=0.02" },
        { "Patience", "EarlyStoppingPatience '4' but this call has '5'" },
        { "Data", "training set" },
        { "Architecture", "architecture" },
        { "NetworkSeed", "network seed '4' but this call has '5'" },
        { "Epochs", "completed 3 epochs but this call asks for Epochs = 2" },
    };

    [Theory]
    [MemberData(nameof(Incompatible))]
    public void AnIncompatibleCheckpointIsRefusedByNameAndChangesNothing(string what, string mention)
    {
        string path = _dir.File("other.ckpt");
        Network().Fit(Train, Options(path, 3));
        byte[] file = File.ReadAllBytes(path);

        INetwork network = what == "Architecture"
            ? DynamicNetwork.Builder(6).Dense(17, Activation.Relu).Dense(3, Activation.Softmax).Build(1)
            : Network(seed: what == "NetworkSeed" ? 5 : 4);
        var optimizer = new Adam(what == "LearningRate" ? 0.03f : 0.02f);
        Optimizer used = what == "Optimizer" ? new RmsProp(0.02f) : optimizer;
        Dataset train = what == "Data" ? Nets.Blobs(300, 6, 3, seed: 23) : Train;
        TrainingOptions options = Options(path, what == "Epochs" ? 2 : 6, o =>
        {
            o.Optimizer = used;
            if (what == "Seed") o.Seed = 10;
            if (what == "BatchSize") o.BatchSize = 9;
            if (what == "Threads") o.Threads = 1;
            if (what == "L2") o.L2 = 0.5f;
            if (what == "Patience") o.EarlyStoppingPatience = 5;
        });
        float[] before = network.Parameters.ToArray();

        var ex = Assert.Throws<InvalidDataException>(() => network.Fit(train, options));
        Assert.Contains(path, ex.Message);
        Assert.Contains(mention, ex.Message);
        Assert.Equal(before, network.Parameters.ToArray());
        Assert.Equal(0, used.StepCount);
        Assert.All(used.CopyState(), buffer => Assert.All(buffer, value => Assert.Equal(0f, value)));
        Assert.Equal(file, File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("garbage")]
    [InlineData("weights file")]
    [InlineData("NaN parameter")]
    public void ADamagedCheckpointIsRefusedAndChangesNothing(string damage)
    {
        string path = _dir.File("damaged.ckpt");
        Network().Fit(Train, Options(path, 2));
        byte[] bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "truncated":
                File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length - 100).ToArray());
                break;
            case "garbage":
                File.WriteAllBytes(path, Enumerable.Range(0, 300).Select(i => (byte)(i * 7)).ToArray());
                break;
            case "weights file":
                Network().Save(path);
                break;
            default:
                BitConverter.GetBytes(float.NaN).CopyTo(bytes, bytes.Length - 4); // the last tensor's last element
                File.WriteAllBytes(path, bytes);
                break;
        }

        byte[] damaged = File.ReadAllBytes(path);
        DynamicNetwork network = Network(seed: 5);
        float[] before = network.Parameters.ToArray();
        var optimizer = new Adam(0.02f);
        var ex = Assert.Throws<InvalidDataException>(() => network.Fit(Train, Options(path, 4, o => o.Optimizer = optimizer)));
        Assert.Contains(path, ex.Message);
        Assert.Equal(before, network.Parameters.ToArray());
        Assert.Equal(0, optimizer.StepCount);
        Assert.Equal(damaged, File.ReadAllBytes(path));
    }

    [Fact]
    public void CheckpointOptionsAreValidated()
    {
        DynamicNetwork network = Network();
        var ex = Assert.Throws<ArgumentException>(() => network.Fit(Train, Options(_dir.File("x"), 2, o => o.CheckpointEveryEpochs = 0)));
        Assert.Equal("options.CheckpointEveryEpochs", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => network.Fit(Train, Options("", 2)));
        Assert.Equal("options.CheckpointPath", ex.ParamName);
    }

    [Fact]
    public void CheckpointEveryEpochsSpacesTheWrites()
    {
        string path = _dir.File("spaced.ckpt");
        var checkpointEpochs = new System.Collections.Generic.List<string>();
        Network().Fit(Train, Options(path, 5, o =>
        {
            o.EarlyStoppingPatience = 0;
            o.CheckpointEveryEpochs = 2;
            // Progress is reported after the epoch's checkpoint (if any) is written.
            o.Progress = new SyncProgress<EpochResult>(_ =>
                checkpointEpochs.Add(File.Exists(path) ? WeightFileExtensions.ReadMetadata(path)["netgen.checkpoint.epoch"] : "none"));
        }));
        Assert.Equal(new[] { "none", "2", "2", "4", "5" }, checkpointEpochs); // every 2 epochs, and the last
    }

    [Fact]
    public void ASecondFitOnANetworkBeingTrainedThrows()
    {
        DynamicNetwork network = Network();
        InvalidOperationException? sameThread = null, otherThread = null;
        network.Fit(Train, Options(null, 1, o => o.BatchProgress = new SyncProgress<BatchProgress>(p =>
        {
            if (p.Batch != 1) return;
            sameThread = Assert.Throws<InvalidOperationException>(() => network.Fit(Train, Options(null, 1)));
            Task other = Task.Run(() => network.Fit(Train, Options(null, 1)));
            Assert.True(((Task)other).ContinueWith(_ => { }).Wait(TimeSpan.FromSeconds(60)), "the second Fit did not return within 60 s");
            otherThread = Assert.IsType<InvalidOperationException>(other.Exception!.InnerException);
        })));
        Assert.Contains("already being trained", sameThread!.Message);
        Assert.Contains("already being trained", otherThread!.Message);
        network.Fit(Train, Options(null, 1)); // the guard is released when Fit returns
    }
}
