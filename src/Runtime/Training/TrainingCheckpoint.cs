using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using NetGen.Safetensors;

namespace NetGen;

/// <summary>
/// Everything <see cref="NetworkTraining.Fit"/> needs to continue after a completed epoch exactly as if it had never
/// stopped: parameters, optimizer state, the epoch, the early-stopping state and the history so far. It is a safetensors
/// file written through <see cref="AtomicFile"/> (as <c>Save</c> writes), so a crash leaves the previous checkpoint or the new one.
/// </summary>
/// <remarks>
/// The shuffle of epoch <c>e</c> and its dropout streams are functions of the seed and <c>e</c> alone (see
/// <see cref="Trainer"/>), so the epoch and the seed are their stream positions; the file records the next epoch's two
/// stream seeds as well, and a resume checks them. Compatibility is a list of named values (architecture, options,
/// optimizer, data fingerprints): any that differ from the resuming call's are reported by name with both values.
/// </remarks>
internal sealed class TrainingCheckpoint
{
    private const string Prefix = "netgen.checkpoint.";
    private const string FormatKey = Prefix + "format";
    private const string Format = "1";
    private const string EpochKey = Prefix + "epoch", StepsKey = Prefix + "optimizer_steps", StreamsKey = Prefix + "next_streams";
    private const string BestLossKey = Prefix + "best_loss", BestEpochKey = Prefix + "best_epoch", SinceBestKey = Prefix + "epochs_since_best";
    private const string StoppedKey = Prefix + "stopped_early", LastLossKey = Prefix + "last_finite_loss", HistoryKey = Prefix + "history";
    private const string ParametersTensor = "parameters", BestTensor = "best_parameters", StateTensor = "optimizer.state.";

    public TrainingCheckpoint(int epoch, float[] parameters, float[][] optimizerState, long optimizerSteps, float[]? bestParameters,
        double bestLoss, int? bestEpoch, int epochsSinceBest, bool stoppedEarly, double lastFiniteLoss, EpochResult[] history)
    {
        Epoch = epoch;
        Parameters = parameters;
        OptimizerState = optimizerState;
        OptimizerSteps = optimizerSteps;
        BestParameters = bestParameters;
        BestLoss = bestLoss;
        BestEpoch = bestEpoch;
        EpochsSinceBest = epochsSinceBest;
        StoppedEarly = stoppedEarly;
        LastFiniteLoss = lastFiniteLoss;
        History = history;
    }

    /// <summary>The last completed epoch (from 1).</summary>
    public int Epoch { get; }

    public float[] Parameters { get; }

    public float[][] OptimizerState { get; }

    public long OptimizerSteps { get; }

    /// <summary>The best epoch's parameters when early stopping is on and an epoch has been validated; null otherwise.</summary>
    public float[]? BestParameters { get; }

    public double BestLoss { get; }

    public int? BestEpoch { get; }

    public int EpochsSinceBest { get; }

    public bool StoppedEarly { get; }

    public double LastFiniteLoss { get; }

    public EpochResult[] History { get; }

    /// <summary>The values a checkpoint must share with the call that resumes from it, in the order they are checked.</summary>
    public static List<KeyValuePair<string, string>> Compatibility(INetwork network, Dataset train, TrainingOptions options, Optimizer optimizer, int workers)
    {
        NetworkArchitecture architecture = network.Architecture;
        return new List<KeyValuePair<string, string>>
        {
            new("architecture", architecture.ToString() + " " + WeightFileMetadata.Activations(architecture)),
            new("network type", network.GetType().FullName ?? network.GetType().Name),
            // The constructor seed draws the dropout masks. INetwork does not expose it, so only DynamicNetwork's is checked;
            // for a generated network the TrainingOptions.CheckpointPath docs ask for the same constructor seed.
            new("network seed", network is DynamicNetwork dynamic ? Invariant($"{dynamic.Seed}") : "not checked"),
            new("BatchSize", Invariant($"{options.BatchSize}")),
            new("Seed", Invariant($"{options.Seed}")),
            new("training threads", Invariant($"{workers}")),
            new("L2", Invariant($"{options.L2:R}")),
            new("L1", Invariant($"{options.L1:R}")),
            new("EarlyStoppingPatience", Invariant($"{options.EarlyStoppingPatience}")),
            new("optimizer", Invariant($"{optimizer.GetType().FullName} lr={optimizer.LearningRate:R} {optimizer.HyperparameterText}")),
            new("training set", Fingerprint(train)),
            new("Validation", options.Validation is { } validation ? Fingerprint(validation) : "none"),
        };
    }

    /// <summary>The shuffle and dropout stream seeds of epoch <paramref name="epoch"/>, as text.</summary>
    public static string Streams(int seed, int epoch)
    {
        ulong mixed = NetGenRandom.Mix((ulong)(long)seed);
        ulong shuffle = NetGenRandom.Mix(mixed ^ NetGenRandom.Mix(2 * (ulong)epoch));
        ulong dropout = NetGenRandom.Mix(mixed ^ NetGenRandom.Mix(2 * (ulong)epoch + 1));
        return Invariant($"epoch {epoch}: shuffle {shuffle:x16}, dropout {dropout:x16}");
    }

    /// <summary>Writes the checkpoint atomically to <paramref name="path"/>.</summary>
    public void Write(string path, IReadOnlyList<KeyValuePair<string, string>> compatibility, int seed)
    {
        var metadata = new Dictionary<string, string>
        {
            [FormatKey] = Format,
            [EpochKey] = Invariant($"{Epoch}"),
            [StepsKey] = Invariant($"{OptimizerSteps}"),
            [StreamsKey] = Streams(seed, Epoch + 1),
            [BestLossKey] = Invariant($"{BestLoss:R}"),
            [BestEpochKey] = BestEpoch is { } best ? Invariant($"{best}") : "",
            [SinceBestKey] = Invariant($"{EpochsSinceBest}"),
            [StoppedKey] = StoppedEarly ? "true" : "false",
            [LastLossKey] = Invariant($"{LastFiniteLoss:R}"),
            [HistoryKey] = FormatHistory(History),
        };
        foreach (KeyValuePair<string, string> entry in compatibility) metadata[Prefix + "match." + entry.Key] = entry.Value;

        long[] shape = { Parameters.Length };
        var tensors = new List<(string, long[], float[])> { (ParametersTensor, shape, Parameters) };
        for (int i = 0; i < OptimizerState.Length; i++) tensors.Add((StateTensor + i.ToString(CultureInfo.InvariantCulture), shape, OptimizerState[i]));
        if (BestParameters is not null) tensors.Add((BestTensor, shape, BestParameters));
        AtomicFile.Write(path, stream => SafetensorsWriter.Write(stream, tensors, metadata));
    }

    /// <summary>
    /// Reads and checks the checkpoint at <paramref name="path"/> completely (nothing is applied here). Throws
    /// <see cref="InvalidDataException"/> naming the file and what is wrong: damage, or the first compatibility value that
    /// differs, with the checkpoint's value and the call's.
    /// </summary>
    public static TrainingCheckpoint Read(string path, IReadOnlyList<KeyValuePair<string, string>> compatibility, int parameterCount,
        int stateBuffers, int seed, int epochs)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        SafetensorsHeader header = WeightFileExtensions.ReadHeader(path, file, out long dataLength);
        IReadOnlyDictionary<string, string> metadata = header.Metadata;
        string Get(string key) => metadata.TryGetValue(key, out string? value)
            ? value
            : throw new InvalidDataException($"{path}: not a NetGen training checkpoint (metadata '{key}' is missing).");

        if (Get(FormatKey) != Format) throw new InvalidDataException($"{path}: checkpoint format '{Get(FormatKey)}' is not the supported '{Format}'.");
        foreach (KeyValuePair<string, string> entry in compatibility)
        {
            string saved = Get(Prefix + "match." + entry.Key);
            if (saved != entry.Value)
            {
                throw new InvalidDataException(
                    $"{path}: the checkpoint is from a Fit call with {entry.Key} '{saved}' but this call has '{entry.Value}'. " +
                    "Use the same network and options to resume, or delete the checkpoint (or choose another CheckpointPath) to start over.");
            }
        }

        int epoch = ParseInt(path, EpochKey, Get(EpochKey));
        if (epoch < 1) throw new InvalidDataException($"{path}: metadata '{EpochKey}' is {epoch}; it must be at least 1.");
        if (epoch > epochs)
            throw new InvalidDataException($"{path}: the checkpoint has completed {epoch} epochs but this call asks for Epochs = {epochs}; it cannot go back.");
        if (Get(StreamsKey) != Streams(seed, epoch + 1))
            throw new InvalidDataException($"{path}: metadata '{StreamsKey}' is '{Get(StreamsKey)}' but Seed {seed} gives '{Streams(seed, epoch + 1)}'.");
        long steps = ParseLong(path, StepsKey, Get(StepsKey));
        double bestLoss = ParseDouble(path, BestLossKey, Get(BestLossKey));
        string bestText = Get(BestEpochKey);
        int? bestEpoch = bestText.Length == 0 ? null : ParseInt(path, BestEpochKey, bestText);
        int sinceBest = ParseInt(path, SinceBestKey, Get(SinceBestKey));
        bool stopped = Get(StoppedKey) switch
        {
            "true" => true,
            "false" => false,
            string other => throw new InvalidDataException($"{path}: metadata '{StoppedKey}' is '{other}'; it must be true or false."),
        };
        double lastLoss = ParseDouble(path, LastLossKey, Get(LastLossKey));
        EpochResult[] history = ParseHistory(path, Get(HistoryKey));
        if (history.Length != epoch)
            throw new InvalidDataException($"{path}: metadata '{HistoryKey}' holds {history.Length} epochs but '{EpochKey}' is {epoch}.");

        var data = new byte[dataLength];
        WeightFileExtensions.ReadExactly(path, file, data, header.DataStart);
        float[] parameters = Tensor(path, header, data, ParametersTensor, parameterCount, required: true)!;
        var state = new float[stateBuffers][];
        for (int i = 0; i < stateBuffers; i++) state[i] = Tensor(path, header, data, StateTensor + i.ToString(CultureInfo.InvariantCulture), parameterCount, required: true)!;
        float[]? best = Tensor(path, header, data, BestTensor, parameterCount, required: false);
        int expectedTensors = 1 + stateBuffers + (best is null ? 0 : 1);
        if (header.Tensors.Count != expectedTensors)
            throw new InvalidDataException($"{path}: the checkpoint holds {header.Tensors.Count} tensors but this optimizer needs {stateBuffers} state buffers (expected {expectedTensors}).");
        return new TrainingCheckpoint(epoch, parameters, state, steps, best, bestLoss, bestEpoch, sinceBest, stopped, lastLoss, history);
    }

    private static float[]? Tensor(string path, SafetensorsHeader header, byte[] data, string name, int length, bool required)
    {
        SafetensorsTensorInfo? tensor = header.Find(name);
        if (tensor is null)
            return required ? throw new InvalidDataException($"{path}: byte {SafetensorsParser.PrefixLength} (the header): the checkpoint has no tensor '{name}'.") : null;
        if (tensor.DType != "F32" || tensor.Shape.Length != 1 || tensor.Shape[0] != length)
            throw new InvalidDataException($"{path}: byte {tensor.HeaderOffset}: tensor '{name}' is {tensor.DType} {tensor.ShapeText}; expected F32 [{length}].");
        var values = new float[length];
        int bad = SafetensorsFloat32.Decode(data.AsSpan((int)tensor.Begin, (int)tensor.ByteLength), values);
        if (bad >= 0)
            throw new InvalidDataException(Invariant($"{path}: byte {header.DataStart + tensor.Begin + 4L * bad}: tensor '{name}' element {bad} is {values[bad]}; it must be finite."));
        return values;
    }

    private static string FormatHistory(EpochResult[] history)
    {
        var sb = new StringBuilder();
        foreach (EpochResult r in history)
        {
            if (sb.Length > 0) sb.Append('|');
            sb.Append(Invariant($"{r.Epoch};{r.TrainLoss:R};{Optional(r.TrainAccuracy)};{Optional(r.ValidationLoss)};{Optional(r.ValidationAccuracy)};{r.Seconds:R}"));
        }

        return sb.ToString();
    }

    private static EpochResult[] ParseHistory(string path, string text)
    {
        if (text.Length == 0) return Array.Empty<EpochResult>();
        string[] entries = text.Split('|');
        var history = new EpochResult[entries.Length];
        for (int i = 0; i < entries.Length; i++)
        {
            string[] f = entries[i].Split(';');
            if (f.Length != 6 || ParseInt(path, HistoryKey, f[0]) != i + 1)
                throw new InvalidDataException($"{path}: metadata '{HistoryKey}' entry {i} ('{entries[i]}') is not 'epoch;loss;accuracy;validation loss;validation accuracy;seconds' for epoch {i + 1}.");
            history[i] = new EpochResult(i + 1, ParseDouble(path, HistoryKey, f[1]), ParseOptional(path, f[2]), ParseOptional(path, f[3]),
                ParseOptional(path, f[4]), ParseDouble(path, HistoryKey, f[5]));
        }

        return history;
    }

    private static string Optional(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static double? ParseOptional(string path, string text) => text.Length == 0 ? null : ParseDouble(path, HistoryKey, text);

    private static int ParseInt(string path, string key, string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new InvalidDataException($"{path}: metadata '{key}' value '{text}' is not an integer.");

    private static long ParseLong(string path, string key, string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new InvalidDataException($"{path}: metadata '{key}' value '{text}' is not a non-negative integer.");

    private static double ParseDouble(string path, string key, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new InvalidDataException($"{path}: metadata '{key}' value '{text}' is not a number.");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Count, widths and a 64-bit FNV-1a hash of every feature and target bit pattern: a resume on other data is refused.</summary>
    private static string Fingerprint(Dataset data)
    {
        ulong hash = 14695981039346656037UL;
        foreach (float value in data.AllFeatures) hash = Step(hash, value);
        foreach (float value in data.AllTargets) hash = Step(hash, value);
        return Invariant($"{data.Count} x ({data.FeatureCount} -> {data.TargetCount}), hash {hash:x16}");

        static ulong Step(ulong hash, float value)
        {
            uint bits = (uint)BitConverter.SingleToInt32Bits(value);
            for (int b = 0; b < 4; b++) hash = (hash ^ ((bits >> (8 * b)) & 0xFF)) * 1099511628211UL;
            return hash;
        }
    }
}
