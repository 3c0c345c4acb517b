using System;
using System.IO;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests.Data;

/// <summary>Damaged IDX and CSV files: the loaders either load them or throw InvalidDataException naming the file, with bounded memory.</summary>
public sealed class LoaderCorruptionTests : IDisposable
{
    // Enough attempts to hit every header field and parser state many times, within a few seconds per format.
    private const int Attempts = 1500;

    private readonly TempDirectory _dir = new();
    private readonly ITestOutputHelper _output;

    public LoaderCorruptionTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Idx(bool gzip)
    {
        var pixels = new byte[20 * 4 * 4];
        var labels = new byte[20];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 13);
        for (int i = 0; i < labels.Length; i++) labels[i] = (byte)(i % 10);
        byte[] images = IdxWriter.Images(4, 4, pixels), labelFile = IdxWriter.Labels(labels);
        if (gzip)
        {
            images = IdxWriter.Gzip(images);
            labelFile = IdxWriter.Gzip(labelFile);
        }

        string imagesPath = _dir.File("images"), labelsPath = _dir.File("labels");
        var campaign = new CorruptionCampaign();
        File.WriteAllBytes(labelsPath, labelFile);
        campaign.Run(images, imagesPath, Attempts, seed: gzip ? 11UL : 12UL, () => Dataset.FromIdx(imagesPath, labelsPath));
        File.WriteAllBytes(imagesPath, images);
        campaign.Run(labelFile, labelsPath, Attempts, seed: gzip ? 13UL : 14UL, () => Dataset.FromIdx(imagesPath, labelsPath));
        Report(campaign);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Csv(bool gzip)
    {
        // Real rows plus quoted fields, so damage lands in quotes, separators, numbers and labels.
        var sb = new StringBuilder("sepal_length,\"sepal, width\",petal_length,petal_width,species\r\n");
        string[] lines = File.ReadAllLines(RepoFiles.DataSet("iris.csv"));
        for (int i = 1; i < lines.Length; i += 5) sb.Append(lines[i]).Append("\r\n");
        sb.Append("5.0,\"3.1\",1.5,0.2,\"set\"\"osa\nnew\"\r\n");
        byte[] valid = Encoding.UTF8.GetBytes(sb.ToString());
        if (gzip) valid = IdxWriter.Gzip(valid);
        string path = _dir.File("iris.csv");
        var campaign = new CorruptionCampaign();
        campaign.Run(valid, path, 2 * Attempts, seed: gzip ? 21UL : 22UL, () => Dataset.FromCsv(path, "species"));
        Report(campaign);
    }

    private void Report(CorruptionCampaign campaign)
    {
        _output.WriteLine($"rejected {campaign.Rejected}, accepted {campaign.Accepted}");
        Assert.True(campaign.Problems.Count == 0, string.Join("\n", campaign.Problems));
        // Most damage must be noticed; a loader that accepted everything would pass the checks above vacuously.
        Assert.True(campaign.Rejected > campaign.Accepted / 2, $"only {campaign.Rejected} of {campaign.Rejected + campaign.Accepted} rejected");
    }
}
