using System;
using System.Linq;
using NetGen.Tests.Data;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests.Weights;

/// <summary>A <see cref="CorruptionCampaign"/> against <c>net.Load</c>: shared by the safetensors and ONNX corruption tests.</summary>
public static class WeightLoadCorruption
{
    /// <summary>
    /// Loads <paramref name="attempts"/> damaged copies of <paramref name="valid"/> (written as <paramref name="fileName"/>,
    /// whose extension picks the format) and asserts the campaign found no problem, that every rejected load left the
    /// parameters unchanged, and that damage was mostly rejected.
    /// </summary>
    public static void Run(byte[] valid, NetworkArchitecture arch, ulong seed, TempDirectory dir, string fileName, int attempts, ITestOutputHelper output)
    {
        var net = new ParameterOnlyNetwork(arch, 99);
        float[] original = net.Parameters.ToArray();
        string path = dir.File(fileName);
        var campaign = new CorruptionCampaign();
        campaign.Run(valid, path, attempts, seed,
            load: () =>
            {
                net.Load(path);
                // Successful loads change the parameters; restore them so every rejection is checked against the same values.
                original.CopyTo(net.Parameters);
            },
            afterRejection: () => net.Parameters.SequenceEqual(original) ? null : "a rejected file changed the parameters");
        output.WriteLine($"rejected {campaign.Rejected}, accepted {campaign.Accepted}");
        Assert.True(campaign.Problems.Count == 0, string.Join("\n", campaign.Problems));
        Assert.Equal(attempts, campaign.Rejected + campaign.Accepted);
        Assert.True(campaign.Rejected > campaign.Accepted / 2, $"only {campaign.Rejected} of {campaign.Rejected + campaign.Accepted} rejected");
    }
}
