using System;
using System.IO;
using Xunit;

namespace NetGen.Tests.Data;

/// <summary>The campaign itself must catch the failures it exists for, or the loader campaigns prove nothing.</summary>
public sealed class CorruptionCampaignSelfTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ReportsWrongExceptionsUnnamedFilesAndLargeAllocations()
    {
        string path = _dir.File("f");
        var valid = new byte[100];

        var wrongType = new CorruptionCampaign();
        wrongType.Run(valid, path, 10, 1, () => throw new IndexOutOfRangeException());
        Assert.Contains("IndexOutOfRangeException", wrongType.Problems[0]);

        var unnamed = new CorruptionCampaign();
        unnamed.Run(valid, path, 10, 1, () => throw new InvalidDataException("bad"));
        Assert.Contains("does not name the file", unnamed.Problems[0]);

        var greedy = new CorruptionCampaign();
        greedy.Run(valid, path, 3, 1, () => GC.KeepAlive(new byte[CorruptionCampaign.MaxBytesPerAttempt + 1]));
        Assert.Contains("allocated", greedy.Problems[0]);
    }
}
