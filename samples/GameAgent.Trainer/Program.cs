using System;
using System.IO;
using GameAgent.Simulation;
using GameAgent.Trainer;
using NetGen;

// Imitation learning: label random observations with the heuristic's action and fit the policy to them with the
// runtime's Fit (Adam, mini-batches, early stopping on a held-out set).
string output = args.Length > 0 ? args[0] : Path.Combine(FindRepoRoot(), "samples", "GameAgent", "policy.safetensors");
const int TrainCount = 40_000, ValidationCount = 5_000, TestCount = 10_000;

var (trainX, trainY) = Sample(TrainCount, seed: 1);
var (testX, testY) = Sample(TestCount, seed: 2);
var (validationX, validationY) = Sample(ValidationCount, seed: 5);
var train = new Dataset(trainX, Observation.Size, trainY, PolicyTrainee.OutputSize, ActionNames());
var validation = new Dataset(validationX, Observation.Size, validationY, PolicyTrainee.OutputSize, ActionNames());

var net = new PolicyTrainee(seed: 3);
TrainingHistory history = net.Fit(train, new TrainingOptions
{
    Epochs = 60, BatchSize = 64, Optimizer = new Adam(0.003f), Seed = 4,
    Validation = validation, EarlyStoppingPatience = 8,
});
foreach (EpochResult r in history)
    if (r.Epoch % 10 == 0 || r.Epoch == history.Count)
        Console.WriteLine($"epoch {r.Epoch,2}: loss {r.TrainLoss:F4}, validation accuracy {r.ValidationAccuracy:P2}");
Console.WriteLine($"kept epoch {history.BestEpoch} of {history.Count}; test agreement {Agreement(net, testX, testY):P2}");

net.Save(output);
Console.WriteLine($"Saved {output}");

static string[] ActionNames() => Enum.GetNames(typeof(AgentAction));

static (float[] X, float[] Y) Sample(int count, ulong seed)
{
    var sampler = new ObservationSampler(seed);
    float[] x = new float[count * Observation.Size], y = new float[count * PolicyTrainee.OutputSize];
    for (int i = 0; i < count; i++)
    {
        Observation o = sampler.Next();
        o.WriteTo(x.AsSpan(i * Observation.Size));
        y[i * PolicyTrainee.OutputSize + (int)HeuristicPolicy.Decide(o)] = 1f;
    }

    return (x, y);
}

static double Agreement(PolicyTrainee net, float[] x, float[] y)
{
    int agree = 0, count = x.Length / Observation.Size;
    for (int i = 0; i < count; i++)
        if (y[i * PolicyTrainee.OutputSize + net.Classify(x.AsSpan(i * Observation.Size, Observation.Size))] == 1f) agree++;
    return (double)agree / count;
}

static string FindRepoRoot()
{
    for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        if (File.Exists(Path.Combine(dir, "NetGen.sln"))) return dir;
    throw new DirectoryNotFoundException($"No NetGen.sln above {AppContext.BaseDirectory}; pass the output path as the first argument.");
}
