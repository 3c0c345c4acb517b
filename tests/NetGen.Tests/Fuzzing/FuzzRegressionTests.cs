using System;
using System.IO;
using NetGen.Fuzz;
using NetGen.Tests.Data;
using Xunit;

namespace NetGen.Tests.Fuzzing;

/// <summary>
/// Inputs the fuzzing found that broke the parser contract, kept so the fix stays, and the checked-in corpora replayed
/// through the same contract check (tests/fuzz/corpus holds the seeds, tests/fuzz/regressions any AFL crash inputs).
/// </summary>
public sealed class FuzzRegressionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// Found by the CsCheck suite (IdxGzip, CsvGzip): gzip whose header names an unknown compression method (byte 2 is 0x00,
    /// not 8) was reported as "corrupt gzip data" without any position in the file. It now names the byte the
    /// decompressor had read up to.
    /// </summary>
    [Fact]
    public void CorruptGzipNamesAPosition()
    {
        byte[] gzip = IdxWriter.Gzip(IdxWriter.Labels(FuzzTargets.Labels));
        gzip[2] = 0;
        string path = _dir.File("labels.gz");
        File.WriteAllBytes(path, gzip);
        InvalidDataException? e = ContractCheck.Run(FuzzTargets.Find("idx-labels"), path);
        Assert.NotNull(e);
        Assert.Matches(@"byte \d+ or earlier: corrupt gzip data", e!.Message);
    }

    /// <summary>
    /// Found by the CsCheck suite (SafetensorsHeaderAndBody, shrunk to the 10 bytes <c>02 00.. 7B 7D</c>: an empty header
    /// <c>{}</c>): a file lacking the network's tensors was reported without a position; it now names the header.
    /// </summary>
    [Fact]
    public void MissingTensorsNameTheHeader()
    {
        string path = _dir.File("empty.safetensors");
        File.WriteAllBytes(path, Convert.FromHexString("02000000000000007B7D"));
        InvalidDataException? e = ContractCheck.Run(FuzzTargets.Find("safetensors"), path);
        Assert.NotNull(e);
        Assert.Contains("byte 8 (the header): the file holds 0 weight/bias pairs", e!.Message);
    }

    public static TheoryData<string> Targets()
    {
        var data = new TheoryData<string>();
        foreach (FuzzTarget target in FuzzTargets.All) data.Add(target.Name);
        return data;
    }

    /// <summary>Every checked-in input of every target keeps the contract; the seeds load.</summary>
    [Theory]
    [MemberData(nameof(Targets))]
    public void CheckedInInputsKeepTheContract(string name)
    {
        FuzzTarget target = FuzzTargets.Find(name);
        string path = _dir.File(name);
        int seeds = 0;
        foreach (string folder in new[] { "corpus", "regressions" })
        {
            string dir = Path.Combine(RepoFiles.Root, "tests", "fuzz", folder, name);
            if (!Directory.Exists(dir)) continue;
            foreach (string file in Directory.GetFiles(dir))
            {
                File.Copy(file, path, overwrite: true);
                InvalidDataException? rejection = ContractCheck.Run(target, path);
                if (folder == "corpus" && Path.GetFileName(file).StartsWith("seed-", StringComparison.Ordinal))
                {
                    Assert.True(rejection is null, $"seed {file} no longer loads: {rejection?.Message}");
                    seeds++;
                }
            }
        }

        Assert.True(seeds > 0, $"no seed corpus for {name} under tests/fuzz/corpus; run the harness's 'seeds' command");
    }
}
