using System;
using System.IO;
using GameAgent.Simulation;
using GameAgent.Trainer;
using NetGen;

// Imitation learning: label random observations with the heuristic's action and fit the policy to them by minibatch
// SGD with momentum over the generated gradients. (Switch to the runtime's Fit with Adam once it lands on main.)
string output = args.Length > 0 ? args[0] : Path.Combine(FindRepoRoot(), "samples", "GameAgent", "policy.safetensors");
const int TrainCount = 40_000, TestCount = 10_000, BatchSize = 64, Epochs = 40;
const float LearningRate = 0.1f, Momentum = 0.9f;

var (trainX, trainY) = Sample(TrainCount, seed: 1);
var (testX, testY) = Sample(TestCount, seed: 2);
var net = new PolicyTrainee(seed: 3);
float[] velocity = new float[PolicyTrainee.ParameterCount];
int[] order = new int[TrainCount];
for (int i = 0; i < order.Length; i++) order[i] = i;
float[] batchX = new float[BatchSize * Observation.Size], batchY = new float[BatchSize * PolicyTrainee.OutputSize];
var shuffler = new NetGenRandom(4);

for (int epoch = 1; epoch <= Epochs; epoch++)
{
    shuffler.Shuffle<int>(order);
    double loss = 0;
    for (int start = 0; start < TrainCount; start += BatchSize)
    {
        int count = Math.Min(BatchSize, TrainCount - start);
        for (int k = 0; k < count; k++)
        {
            trainX.AsSpan(order[start + k] * Observation.Size, Observation.Size).CopyTo(batchX.AsSpan(k * Observation.Size));
            trainY.AsSpan(order[start + k] * PolicyTrainee.OutputSize, PolicyTrainee.OutputSize).CopyTo(batchY.AsSpan(k * PolicyTrainee.OutputSize));
        }

        net.ZeroGradients();
        loss += net.AccumulateGradientsBatch(batchX.AsSpan(0, count * Observation.Size), batchY.AsSpan(0, count * PolicyTrainee.OutputSize), count);
        Span<float> parameters = net.Parameters, gradients = net.Gradients;
        for (int p = 0; p < parameters.Length; p++)
        {
            velocity[p] = Momentum * velocity[p] + gradients[p] / count;
            parameters[p] -= LearningRate * velocity[p];
        }
    }

    if (epoch % 10 == 0 || epoch == Epochs)
        Console.WriteLine($"epoch {epoch,2}: loss {loss / TrainCount:F4}, test agreement {Agreement(net, testX, testY):P2}");
}

net.Save(output);
Console.WriteLine($"Saved {output}");

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
