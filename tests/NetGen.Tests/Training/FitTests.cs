using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NetGen.Tests.Reference;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>
/// Fit's semantics. Most run on both the reference adapter (Fit's logic, independent of the generator) and the generated
/// twin of the same architecture (<see cref="FitNetworks"/>), since users train the generated one.
/// </summary>
public class FitTests
{
    [Theory]
    [MemberData(nameof(FitNetworks.Kinds), MemberType = typeof(FitNetworks))]
    public void L2TermAndPartialBatchFollowTheCostFormula(NetworkKind kind)
    {
        // Five identical examples in batches of 3 then 2: whatever the shuffle, each batch's mean loss gradient is the
        // single example's, so the only batch-size dependence is the L2 term (lambda/m) W and (lambda/(2m)) sum W^2 with
        // m = 3, then m = 2 for the last, partial batch.
        NetworkArchitecture arch = Nets.Architecture(3, Loss.MeanSquaredError, (4, Activation.Tanh, 0f), (2, Activation.Identity, 0f));
        var random = new NetGenRandom(11);
        float[] initial = Enumerable.Range(0, arch.ParameterCount).Select(_ => (float)random.NextNormal() * 0.5f).ToArray();
        INetwork network = FitNetworks.TanhRegressor(kind, initial);
        Assert.Equal(arch, network.Architecture);
        double[] x = { 0.5, -1, 2 }, y = { 0.3, -0.2 };
        var data = new Dataset(Enumerable.Repeat(x, 5).SelectMany(v => v).Select(v => (float)v).ToArray(), 3,
            Enumerable.Repeat(y, 5).SelectMany(v => v).Select(v => (float)v).ToArray(), 2);
        const double lr = 0.1, lambda = 0.7;

        TrainingHistory history = network.Fit(data, new TrainingOptions
        {
            Epochs = 1, BatchSize = 3, Optimizer = new Sgd((float)lr), L2 = (float)lambda, Threads = 1, MeasureTrainingAccuracy = false,
        });

        var reference = new ReferenceNetwork(arch, initial);
        double[] p = reference.Parameters;
        double weightedCost = 0;
        foreach (int m in new[] { 3, 2 })
        {
            var g = new double[p.Length];
            double loss = reference.Backward(x, y, g);
            double squares = 0;
            foreach (LayerInfo layer in arch.Layers)
                for (int i = layer.ParameterOffset; i < layer.BiasOffset; i++)
                {
                    squares += p[i] * p[i];
                    g[i] += lambda / m * p[i];
                }

            weightedCost += m * (loss + lambda / (2 * m) * squares);
            for (int i = 0; i < p.Length; i++) p[i] -= lr * g[i];
        }

        // Two float steps of size ~0.1 on parameters of size ~1: float rounding (of the generated network's float forward
        // and backward pass too: relative ~1e-7 on gradients of size ~1, times lr) contributes ~1e-7; a wrong L2 scale
        // (lambda/batchSize on the partial batch, or decayed biases) moves parameters by more than 1e-3.
        for (int i = 0; i < p.Length; i++) Assert.True(Math.Abs(p[i] - network.Parameters[i]) < 1e-6, $"parameter {i}: {p[i]} vs {network.Parameters[i]}");
        // The reported loss is a double mean of float losses: relative error ~1e-7.
        Assert.Equal(weightedCost / 5, history[0].TrainLoss, 1e-6 * weightedCost / 5);
    }

    [Theory]
    [MemberData(nameof(FitNetworks.Kinds), MemberType = typeof(FitNetworks))]
    public void L1TermFollowsTheCostFormulaAloneAndWithL2(NetworkKind kind)
    {
        foreach ((double l1, double l2) in new[] { (0.4, 0.0), (0.3, 0.7) })
        {
            // As the L2 test: five identical examples in batches of 3 then 2, so the only batch-size dependence is the
            // regularisation: the L1 term (lambda1/m) sign(W) and (lambda1/m) sum |W|, plus the L2 term when it is on.
            NetworkArchitecture arch = Nets.Architecture(3, Loss.MeanSquaredError, (4, Activation.Tanh, 0f), (2, Activation.Identity, 0f));
            var random = new NetGenRandom(12);
            float[] initial = Enumerable.Range(0, arch.ParameterCount).Select(_ => (float)random.NextNormal() * 0.5f).ToArray();
            initial[5] = 0f; // a weight at exactly 0: sign(0) = 0, so L1 leaves it to the loss gradient alone
            INetwork network = FitNetworks.TanhRegressor(kind, initial);
            double[] x = { 0.5, -1, 2 }, y = { 0.3, -0.2 };
            var data = new Dataset(Enumerable.Repeat(x, 5).SelectMany(v => v).Select(v => (float)v).ToArray(), 3,
                Enumerable.Repeat(y, 5).SelectMany(v => v).Select(v => (float)v).ToArray(), 2);
            const double lr = 0.1;

            TrainingHistory history = network.Fit(data, new TrainingOptions
            {
                Epochs = 1, BatchSize = 3, Optimizer = new Sgd((float)lr), L1 = (float)l1, L2 = (float)l2, Threads = 1, MeasureTrainingAccuracy = false,
            });

            var reference = new ReferenceNetwork(arch, initial);
            double[] p = reference.Parameters;
            double weightedCost = 0;
            foreach (int m in new[] { 3, 2 })
            {
                var g = new double[p.Length];
                double loss = reference.Backward(x, y, g);
                double squares = 0, absolutes = 0;
                foreach (LayerInfo layer in arch.Layers)
                    for (int i = layer.ParameterOffset; i < layer.BiasOffset; i++)
                    {
                        squares += p[i] * p[i];
                        absolutes += Math.Abs(p[i]);
                        g[i] += l2 / m * p[i] + l1 / m * Math.Sign(p[i]);
                    }

                weightedCost += m * (loss + l2 / (2 * m) * squares + l1 / m * absolutes);
                for (int i = 0; i < p.Length; i++) p[i] -= lr * g[i];
            }

            // Float rounding contributes ~1e-7 as in the L2 test; a wrong L1 scale (lambda/batchSize on the partial batch,
            // a regularised bias, sign(0) taken as +-1) moves a parameter by lr * lambda / m >= 0.01.
            for (int i = 0; i < p.Length; i++)
                Assert.True(Math.Abs(p[i] - network.Parameters[i]) < 1e-6, $"L1 {l1}, L2 {l2}, parameter {i}: {p[i]} vs {network.Parameters[i]}");
            Assert.Equal(weightedCost / 5, history[0].TrainLoss, 1e-6 * weightedCost / 5);
        }
    }

    [Fact]
    public void LastPartialBatchIsUsed()
    {
        var network = new AllocationFreeLinearNetwork(2, 1);
        var data = new Dataset(new float[20], 2, new float[10], 1);
        var done = new List<(int Batch, int Examples)>();
        var optimizer = new Sgd(0.1f);
        network.Fit(data, new TrainingOptions
        {
            Epochs = 2, BatchSize = 4, Optimizer = optimizer,
            BatchProgress = new SyncProgress<BatchProgress>(p => done.Add((p.Batch, p.ExamplesDone))),
        });
        Assert.Equal(new[] { (1, 4), (2, 8), (3, 10), (1, 4), (2, 8), (3, 10) }, done);
        Assert.Equal(6, optimizer.StepCount);
    }

    private static Dataset Blobs() => Nets.Blobs(120, 6, 3, seed: 3);

    private static float[] Train(NetworkKind kind, int threads, int seed, Func<Optimizer> optimizer)
    {
        INetwork net = FitNetworks.Dropout(kind);
        net.Fit(Blobs(), new TrainingOptions { Epochs = 3, BatchSize = 25, Optimizer = optimizer(), Seed = seed, Threads = threads });
        return net.Parameters.ToArray();
    }

    [Fact]
    public void TheGeneratedNetworksHaveTheirReferenceTwinsArchitecture()
    {
        Assert.Equal(FitNetworks.Dropout(NetworkKind.Reference).Architecture, FitNetworks.Dropout(NetworkKind.Generated).Architecture);
        Assert.Equal(FitNetworks.Linear(NetworkKind.Reference, 0, 0).Architecture, FitNetworks.Linear(NetworkKind.Generated, 0, 0).Architecture);
        Assert.Equal(FitNetworks.Linear(NetworkKind.Reference, 0, 0, 0).Architecture, FitNetworks.Linear(NetworkKind.Generated, 0, 0, 0).Architecture);
    }

    public static TheoryData<NetworkKind, int> KindsAndThreads => new()
    {
        { NetworkKind.Reference, 2 },
        { NetworkKind.Generated, 1 },
        { NetworkKind.Generated, 2 },
    };

    [Theory]
    [MemberData(nameof(KindsAndThreads))]
    public void SameSeedAndThreadsGiveBitIdenticalParameters(NetworkKind kind, int threads)
    {
        float[] first = Train(kind, threads, 5, () => new Adam(0.01f));
        float[] second = Train(kind, threads, 5, () => new Adam(0.01f));
        Assert.Equal(first, second);
        Assert.NotEqual(first, Train(kind, threads, 6, () => new Adam(0.01f)));
    }

    [Theory]
    [MemberData(nameof(FitNetworks.Kinds), MemberType = typeof(FitNetworks))]
    public void ThreadCountChangesOnlyTheRoundingOfTheGradientSum(NetworkKind kind)
    {
        // Dropout masks follow the example's position in the epoch, not the thread that runs it, so 1, 2 and 3 threads
        // train on the same masks and differ only in how the per-thread float gradients are grouped when summed (relative
        // ~1e-7 per step). 15 SGD steps keep that below 1e-5; a mask or shuffle that depended on the thread would move
        // parameters as much as another seed does, which the last assertion shows is far above it.
        float[] one = Train(kind, 1, 5, () => new Sgd(0.1f, 0.5f));
        float[] two = Train(kind, 2, 5, () => new Sgd(0.1f, 0.5f));
        float[] three = Train(kind, 3, 5, () => new Sgd(0.1f, 0.5f));
        Assert.True(MaxDifference(one, two) < 1e-5, $"1 vs 2 threads: {MaxDifference(one, two)}");
        Assert.True(MaxDifference(one, three) < 1e-5, $"1 vs 3 threads: {MaxDifference(one, three)}");
        Assert.True(MaxDifference(one, Train(kind, 1, 6, () => new Sgd(0.1f, 0.5f))) > 1e-2);
    }

    private static double MaxDifference(float[] a, float[] b) => a.Zip(b, (u, v) => Math.Abs((double)u - v)).Max();

    [Theory]
    [MemberData(nameof(FitNetworks.Kinds), MemberType = typeof(FitNetworks))]
    public void EarlyStoppingRestoresTheBestEpoch(NetworkKind kind)
    {
        // y = w x + b trained towards w = 2 from w = 0 while validation wants w = 1: validation loss falls, then rises.
        INetwork network = FitNetworks.Linear(kind, 0f, 0f);
        float[] xs = Enumerable.Range(0, 20).Select(i => -1 + i / 9.5f).ToArray();
        var train = new Dataset(xs, 1, xs.Select(v => 2 * v).ToArray(), 1);
        var validation = new Dataset(xs, 1, xs.ToArray(), 1);
        var snapshots = new Dictionary<int, float[]>();
        TrainingHistory history = network.Fit(train, new TrainingOptions
        {
            Epochs = 100, BatchSize = 20, Optimizer = new Sgd(0.1f), Validation = validation, EarlyStoppingPatience = 3,
            Progress = new SyncProgress<EpochResult>(r => snapshots[r.Epoch] = network.Parameters.ToArray()),
        });

        int best = history.OrderBy(r => r.ValidationLoss).First().Epoch;
        Assert.True(best > 5, $"the validation loss should fall for a while first; best epoch {best}");
        Assert.Equal(best, history.BestEpoch);
        Assert.True(history.StoppedEarly);
        Assert.True(history.RestoredBestEpoch);
        Assert.Equal(best + 3, history.Count);
        Assert.Equal(snapshots[best], network.Parameters.ToArray());
        Assert.NotEqual(snapshots[history.Count], network.Parameters.ToArray());
    }

    [Theory]
    [MemberData(nameof(FitNetworks.Kinds), MemberType = typeof(FitNetworks))]
    public void CancellationStopsAtABatchBoundaryAndLeavesAUsableNetwork(NetworkKind kind)
    {
        INetwork network = FitNetworks.Dropout(kind);
        var optimizer = new Adam(0.01f);
        using var cts = new CancellationTokenSource();
        float[]? afterCancelledBatch = null;
        TrainingHistory history = network.Fit(Blobs(), new TrainingOptions
        {
            Epochs = 5, BatchSize = 25, Optimizer = optimizer, Threads = 2, CancellationToken = cts.Token,
            BatchProgress = new SyncProgress<BatchProgress>(p =>
            {
                if (p.Epoch != 2 || p.Batch != 3) return;
                afterCancelledBatch = network.Parameters.ToArray();
                cts.Cancel();
            }),
        });

        Assert.True(history.Cancelled);
        Assert.False(history.StoppedEarly);
        Assert.Single(history);
        Assert.Equal(5 + 3, optimizer.StepCount); // 120 examples in batches of 25: 5 batches in epoch 1, 3 in epoch 2
        Assert.Equal(afterCancelledBatch, network.Parameters.ToArray());
        Evaluation e = network.Evaluate(Blobs());
        Assert.True(double.IsFinite(e.Loss));
    }

    [Theory]
    [MemberData(nameof(FitNetworks.Kinds), MemberType = typeof(FitNetworks))]
    public void TrainingResumedAfterCancellationContinuesFromTheCancelledState(NetworkKind kind)
    {
        // "Leaves a usable network" includes training on: a second Fit from the cancelled state runs and changes it.
        INetwork network = FitNetworks.Dropout(kind);
        using var cts = new CancellationTokenSource();
        network.Fit(Blobs(), new TrainingOptions
        {
            Epochs = 5, BatchSize = 25, Optimizer = new Adam(0.01f), CancellationToken = cts.Token,
            BatchProgress = new SyncProgress<BatchProgress>(p => { if (p.Batch == 2) cts.Cancel(); }),
        });
        float[] cancelled = network.Parameters.ToArray();
        TrainingHistory resumed = network.Fit(Blobs(), new TrainingOptions { Epochs = 2, BatchSize = 25, Optimizer = new Adam(0.01f) });
        Assert.False(resumed.Cancelled);
        Assert.Equal(2, resumed.Count);
        Assert.NotEqual(cancelled, network.Parameters.ToArray());
        Assert.True(double.IsFinite(resumed[^1].TrainLoss));
    }

    [Theory]
    [MemberData(nameof(FitNetworks.Kinds), MemberType = typeof(FitNetworks))]
    public void AnAlreadyCancelledTokenChangesNothing(NetworkKind kind)
    {
        INetwork network = FitNetworks.Dropout(kind);
        float[] before = network.Parameters.ToArray();
        var optimizer = new Adam();
        TrainingHistory history = network.Fit(Blobs(), new TrainingOptions { Optimizer = optimizer, CancellationToken = new CancellationToken(true) });
        Assert.True(history.Cancelled);
        Assert.Empty(history);
        Assert.Equal(0, optimizer.StepCount);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Theory]
    [MemberData(nameof(FitNetworks.Kinds), MemberType = typeof(FitNetworks))]
    public void CancellationWithEarlyStoppingRestoresTheBestEpochSoFar(NetworkKind kind)
    {
        INetwork network = FitNetworks.Dropout(kind);
        using var cts = new CancellationTokenSource();
        var snapshots = new Dictionary<int, float[]>();
        TrainingHistory history = network.Fit(Blobs(), new TrainingOptions
        {
            Epochs = 10, BatchSize = 25, Optimizer = new Adam(0.01f), Validation = Nets.Blobs(40, 6, 3, seed: 4), EarlyStoppingPatience = 5,
            CancellationToken = cts.Token,
            Progress = new SyncProgress<EpochResult>(r => snapshots[r.Epoch] = network.Parameters.ToArray()),
            BatchProgress = new SyncProgress<BatchProgress>(p => { if (p.Epoch == 4 && p.Batch == 2) cts.Cancel(); }),
        });
        Assert.True(history.Cancelled);
        Assert.Equal(3, history.Count);
        Assert.True(history.RestoredBestEpoch);
        Assert.Equal(snapshots[history.BestEpoch!.Value], network.Parameters.ToArray());
    }

    /// <summary>Runs Fit expecting divergence; checks parameters and optimizer state equal their values after the last completed batch.</summary>
    private static TrainingDivergedException AssertDivergesCleanly(INetwork network, Dataset data, Optimizer optimizer, int threads = 2)
    {
        float[] parameters = network.Parameters.ToArray();
        float[][] state = optimizer.CopyState();
        long steps = 0;
        double lastBatchCost = double.NaN, previousTotal = 0;
        var ex = Assert.Throws<TrainingDivergedException>(() => network.Fit(data, new TrainingOptions
        {
            Epochs = 3, BatchSize = 10, Optimizer = optimizer, Threads = threads,
            BatchProgress = new SyncProgress<BatchProgress>(p =>
            {
                parameters = network.Parameters.ToArray();
                state = optimizer.CopyState();
                steps++;
                double total = p.Loss * p.ExamplesDone;
                if (p.Batch == 1) previousTotal = 0;
                lastBatchCost = (total - previousTotal) / (p.ExamplesDone - (p.Batch - 1) * 10);
                previousTotal = total;
            }),
        }));

        Assert.Equal(parameters, network.Parameters.ToArray());
        Assert.Equal(state, optimizer.CopyState());
        Assert.Equal(steps, optimizer.StepCount);
        Assert.Equal(steps, (ex.Epoch - 1) * ((data.Count + 9) / 10) + ex.Batch - 1);
        if (steps == 0) Assert.True(double.IsNaN(ex.LastFiniteLoss));
        else Assert.Equal(lastBatchCost, ex.LastFiniteLoss, 4); // recovered from running means: ~1e-6 relative
        return ex;
    }

    /// <summary>
    /// A NaN or infinite feature is refused before training: inside the network it can vanish (ReLU maps NaN to 0 in the
    /// generated code, whose backward pass then skips the unit) and train on silently, so Fit checks the data up front.
    /// </summary>
    public static TheoryData<NetworkKind, float> Poisons => new()
    {
        { NetworkKind.Reference, float.NaN },
        { NetworkKind.Reference, float.PositiveInfinity },
        { NetworkKind.Generated, float.NaN },
        { NetworkKind.Generated, float.NegativeInfinity },
    };

    [Theory]
    [MemberData(nameof(Poisons))]
    public void APoisonedExampleIsRefusedBeforeTraining(NetworkKind kind, float poison)
    {
        Dataset data = Nets.Blobs(100, 6, 3, seed: 8);
        data.Features(57)[2] = poison;
        INetwork network = FitNetworks.Dropout(kind);
        float[] before = network.Parameters.ToArray();
        var ex = Assert.Throws<ArgumentException>(() => network.Fit(data, new TrainingOptions { Optimizer = new Adam(0.01f) }));
        Assert.Contains("feature 2 of example 57", ex.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    public static TheoryData<NetworkKind, string> HugeLearningRates
    {
        get
        {
            var data = new TheoryData<NetworkKind, string>();
            foreach (NetworkKind kind in new[] { NetworkKind.Reference, NetworkKind.Generated })
                foreach (string optimizer in new[] { "Sgd", "Adam", "RmsProp" })
                    data.Add(kind, optimizer);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(HugeLearningRates))]
    public void AHugeLearningRateDivergesWithParametersAndStateIntact(NetworkKind kind, string name)
    {
        Optimizer optimizer = name switch { "Sgd" => new Sgd(1e30f, 0.9f), "Adam" => new Adam(1e30f), _ => new RmsProp(1e30f) };
        TrainingDivergedException ex = AssertDivergesCleanly(FitNetworks.Dropout(kind), Nets.Blobs(100, 6, 3, seed: 8), optimizer);
        Assert.True(ex.Batch > 1 || ex.Epoch > 1, "the first step itself is finite; the next forward pass overflows");
    }

    [Theory]
    [MemberData(nameof(FitNetworks.Kinds), MemberType = typeof(FitNetworks))]
    public void AStepThatWouldOverflowIsRefused(NetworkKind kind)
    {
        // Finite loss (~1e18) and gradients (~1e18), but lr * gradient overflows float: the step check must catch it.
        INetwork network = FitNetworks.Linear(kind, 0.5f, -0.25f, 0f);
        var data = new Dataset(Enumerable.Range(0, 20).SelectMany(i => new[] { 1e9f, -1e9f * (i % 3) }).ToArray(), 2, new float[20], 1);
        TrainingDivergedException ex = AssertDivergesCleanly(network, data, new Sgd(1e25f), threads: 1);
        Assert.Equal((1, 1), (ex.Epoch, ex.Batch));
        Assert.Contains("optimizer step", ex.Message);
    }

    [Theory]
    [MemberData(nameof(FitNetworks.Kinds), MemberType = typeof(FitNetworks))]
    public void HistoryAndProgressReportEveryEpoch(NetworkKind kind)
    {
        INetwork network = FitNetworks.Dropout(kind);
        var reported = new List<EpochResult>();
        var batches = new List<BatchProgress>();
        TrainingHistory history = network.Fit(Blobs(), new TrainingOptions
        {
            Epochs = 3, BatchSize = 50, Optimizer = new Adam(0.02f), Validation = Nets.Blobs(30, 6, 3, seed: 9),
            Progress = new SyncProgress<EpochResult>(reported.Add), BatchProgress = new SyncProgress<BatchProgress>(batches.Add),
        });
        Assert.Equal(reported, history);
        Assert.Equal(new[] { 1, 2, 3 }, history.Select(r => r.Epoch));
        Assert.All(history, r => Assert.NotNull(r.ValidationAccuracy));
        Assert.All(history, r => Assert.InRange(r.TrainAccuracy!.Value, 0, 1));
        Assert.Equal(9, batches.Count);
        Assert.All(batches, b => Assert.Equal((3, 3, 120), (b.Epochs, b.BatchesPerEpoch, b.ExamplesPerEpoch)));
        Assert.Equal(history[2].TrainLoss, batches[8].Loss, 12);
        Assert.Equal(history[2].TrainAccuracy!.Value, batches[8].Accuracy, 12);
        Assert.Equal(history.OrderBy(r => r.ValidationLoss).First().Epoch, history.BestEpoch);
        Assert.False(history.RestoredBestEpoch);
    }
}
