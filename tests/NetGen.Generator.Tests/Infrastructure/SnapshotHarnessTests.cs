using System;
using System.IO;
using Xunit;

namespace NetGen.Generator.Tests.Infrastructure;

/// <summary>The snapshot harness itself: it must fail on a difference, leave received text to review, and accept on request.</summary>
public sealed class SnapshotHarnessTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "netgen-snapshot-" + Guid.NewGuid().ToString("N"));

    public SnapshotHarnessTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void MissingBaselineFailsAndWritesReceived()
    {
        string? failure = Snapshot.Compare(_directory, "T.M", "a\nb\n", accept: false);
        Assert.NotNull(failure);
        Assert.Contains("No verified snapshot", failure);
        Assert.Equal("a\nb\n", File.ReadAllText(Path.Combine(_directory, "T.M.received.cs")));
    }

    [Fact]
    public void DifferenceFailsWithTheFirstDifferingLineAndADiffHint()
    {
        File.WriteAllText(Path.Combine(_directory, "T.M.verified.cs"), "same\nold\n");
        string? failure = Snapshot.Compare(_directory, "T.M", "same\nnew\n", accept: false);
        Assert.NotNull(failure);
        Assert.Contains("line 2\n  verified: old\n  received: new", failure);
        Assert.Contains("diff -u", failure);
        Assert.Contains(Snapshot.AcceptVariable + "=1", failure);
    }

    [Fact]
    public void MatchIgnoresLineEndingsAndDeletesStaleReceived()
    {
        File.WriteAllText(Path.Combine(_directory, "T.M.verified.cs"), "x\r\ny\r\n");
        File.WriteAllText(Path.Combine(_directory, "T.M.received.cs"), "stale");
        Assert.Null(Snapshot.Compare(_directory, "T.M", "x\ny\n", accept: false));
        Assert.False(File.Exists(Path.Combine(_directory, "T.M.received.cs")));
    }

    [Fact]
    public void AcceptOverwritesTheBaseline()
    {
        File.WriteAllText(Path.Combine(_directory, "T.M.verified.cs"), "old\n");
        Assert.Null(Snapshot.Compare(_directory, "T.M", "new\n", accept: true));
        Assert.Equal("new\n", File.ReadAllText(Path.Combine(_directory, "T.M.verified.cs")));
        Assert.Null(Snapshot.Compare(_directory, "T.M", "new\n", accept: false));
    }
}
