using System;
using System.Globalization;

namespace NetGen.Tests.Reliability;

/// <summary>
/// How long the reliability campaign runs. CI uses the short defaults; tools/reliability/long-campaign.sh raises them
/// through the environment (docs/reliability.md gives the figures of the last long run).
/// </summary>
internal static class ReliabilitySettings
{
    /// <summary>SIGKILLs delivered to a saving child (NETGEN_KILLS, default 40).</summary>
    public static int Kills => Read("NETGEN_KILLS", 40);

    /// <summary>SIGKILLs delivered to a training child that checkpoints (NETGEN_CHECKPOINT_KILLS, default 6).</summary>
    public static int CheckpointKills => Read("NETGEN_CHECKPOINT_KILLS", 6);

    /// <summary>Seconds each concurrency soak runs (NETGEN_SOAK_SECONDS, default 3).</summary>
    public static double SoakSeconds => Read("NETGEN_SOAK_SECONDS", 3);

    private static int Read(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0 ? value : fallback;
}
