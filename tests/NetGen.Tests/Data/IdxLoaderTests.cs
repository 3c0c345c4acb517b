using System;
using System.IO;
using Xunit;

namespace NetGen.Tests.Data;

public sealed class IdxLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    // Five 2x3 images with distinct pixels, labels spanning 0..3.
    private static readonly byte[] Pixels = CreatePixels();
    private static readonly byte[] LabelValues = { 3, 0, 1, 3, 2 };

    public void Dispose() => _dir.Dispose();

    private static byte[] CreatePixels()
    {
        var p = new byte[5 * 6];
        for (int i = 0; i < p.Length; i++) p[i] = (byte)(i * 37 % 256);
        p[0] = 0;
        p[1] = 255;
        return p;
    }

    private (string Images, string Labels) Write(byte[] images, byte[] labels, string imagesName = "images.idx", string labelsName = "labels.idx")
    {
        string i = _dir.File(imagesName), l = _dir.File(labelsName);
        File.WriteAllBytes(i, images);
        File.WriteAllBytes(l, labels);
        return (i, l);
    }

    private (string Images, string Labels) WriteValid() => Write(IdxWriter.Images(2, 3, Pixels), IdxWriter.Labels(LabelValues));

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(true, false)]
    public void LoadsRawAndGzipAlike(bool gzipImages, bool gzipLabels)
    {
        byte[] images = IdxWriter.Images(2, 3, Pixels), labels = IdxWriter.Labels(LabelValues);
        // Names deliberately contradict the content: gzip is recognised by its magic bytes, not the extension.
        (string i, string l) = Write(gzipImages ? IdxWriter.Gzip(images) : images, gzipLabels ? IdxWriter.Gzip(labels) : labels, "images.gz.not", "labels.gz");

        Dataset d = Dataset.FromIdx(i, l);

        Assert.Equal(5, d.Count);
        Assert.Equal(6, d.FeatureCount);
        Assert.Equal(4, d.TargetCount);
        Assert.Equal(new[] { "0", "1", "2", "3" }, d.ClassNames);
        for (int k = 0; k < Pixels.Length; k++) Assert.Equal(Pixels[k] / 255f, d.AllFeatures[k]);
        Assert.Equal(0f, d.Features(0)[0]);
        Assert.Equal(1f, d.Features(0)[1]);
        for (int e = 0; e < 5; e++)
        {
            Assert.Equal(LabelValues[e], d.Label(e));
            Assert.Equal(1f, d.Target(e)[LabelValues[e]]);
            float sum = 0;
            foreach (float t in d.Target(e)) sum += t;
            Assert.Equal(1f, sum);
        }
    }

    [Fact]
    public void ClassNamesCanBeGiven()
    {
        (string i, string l) = WriteValid();
        Dataset d = Dataset.FromIdx(i, l, Dataset.FashionMnistClassNames);
        Assert.Equal(10, d.TargetCount);
        Assert.Equal("T-shirt/top", d.ClassNames![0]);
        Assert.Equal("Ankle boot", d.ClassNames[9]);
        Assert.Equal(3, d.Label(0));
    }

    [Fact]
    public void LabelBeyondGivenClassNamesNamesItsOffset()
    {
        (string i, string l) = WriteValid();
        var e = Assert.Throws<InvalidDataException>(() => Dataset.FromIdx(i, l, new[] { "a", "b", "c" }));
        // The first label (3) is at byte 8, right after the 8-byte header.
        AssertMessage(e, l, "byte 8");
        Assert.Contains("label 3", e.Message);
    }

    [Fact]
    public void ImagesAndLabelsSwappedIsAWrongMagicNumber()
    {
        (string i, string l) = WriteValid();
        var e = Assert.Throws<InvalidDataException>(() => Dataset.FromIdx(l, i));
        AssertMessage(e, l, "byte 0");
        Assert.Contains("0x00000801", e.Message);
        Assert.Contains("0x00000803", e.Message);
    }

    [Fact]
    public void TruncatedImagesNameTheOffsetWhereTheyEnd()
    {
        byte[] images = IdxWriter.Images(2, 3, Pixels);
        (string i, string l) = Write(images[..^4], IdxWriter.Labels(LabelValues));
        var e = Assert.Throws<InvalidDataException>(() => Dataset.FromIdx(i, l));
        AssertMessage(e, i, $"byte {images.Length - 4}");
        Assert.Contains($"needs {images.Length}", e.Message);
    }

    [Fact]
    public void TruncatedGzipImagesAreReportedAfterDecompression()
    {
        byte[] images = IdxWriter.Images(2, 3, Pixels);
        (string i, string l) = Write(IdxWriter.Gzip(images[..^4]), IdxWriter.Labels(LabelValues));
        var e = Assert.Throws<InvalidDataException>(() => Dataset.FromIdx(i, l));
        AssertMessage(e, i, $"byte {images.Length - 4} (after gzip decompression)");
    }

    [Fact]
    public void TrailingBytesAreAnError()
    {
        byte[] labels = IdxWriter.Labels(LabelValues);
        (string i, string l) = Write(IdxWriter.Images(2, 3, Pixels), [.. labels, 0]);
        var e = Assert.Throws<InvalidDataException>(() => Dataset.FromIdx(i, l));
        AssertMessage(e, l, $"byte {labels.Length}");
    }

    [Fact]
    public void CountsMustAgree()
    {
        (string i, string l) = Write(IdxWriter.Images(2, 3, Pixels), IdxWriter.Labels(LabelValues[..4]));
        var e = Assert.Throws<InvalidDataException>(() => Dataset.FromIdx(i, l));
        AssertMessage(e, l, "byte 4");
        Assert.Contains("4 labels", e.Message);
        Assert.Contains("5 images", e.Message);
    }

    [Fact]
    public void EmptyFileIsAnError()
    {
        (string i, string l) = Write(Array.Empty<byte>(), IdxWriter.Labels(LabelValues));
        var e = Assert.Throws<InvalidDataException>(() => Dataset.FromIdx(i, l));
        AssertMessage(e, i, "byte 0");
    }

    [Fact]
    public void ZeroDimensionIsAnError()
    {
        (string i, string l) = Write(IdxWriter.Build(0x00000803, new[] { 5, 0, 3 }, Array.Empty<byte>()), IdxWriter.Labels(LabelValues));
        var e = Assert.Throws<InvalidDataException>(() => Dataset.FromIdx(i, l));
        AssertMessage(e, i, "byte 8");
    }

    [Fact]
    public void HeaderClaimingGigabytesFailsWithoutAllocatingThem()
    {
        // 2^30 x 2^15 x 2^15 bytes: far beyond any array, in a 16-byte file.
        byte[] hostile = IdxWriter.Build(0x00000803, new[] { 1 << 30, 1 << 15, 1 << 15 }, Array.Empty<byte>());
        byte[] plausible = IdxWriter.Build(0x00000803, new[] { 60000, 28, 28 }, new byte[10]);
        foreach (byte[] content in new[] { hostile, IdxWriter.Gzip(hostile), plausible, IdxWriter.Gzip(plausible) })
        {
            (string i, string l) = Write(content, IdxWriter.Labels(LabelValues));
            long before = GC.GetAllocatedBytesForCurrentThread();
            var e = Assert.Throws<InvalidDataException>(() => Dataset.FromIdx(i, l));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            AssertMessage(e, i, "byte");
            // The 47 MB the plausible header claims must not be allocated; a few hundred KB of buffers and messages is normal.
            Assert.True(allocated < 1_000_000, $"allocated {allocated} bytes");
        }
    }

    [Fact]
    public void CorruptGzipNamesTheFile()
    {
        byte[] gz = IdxWriter.Gzip(IdxWriter.Images(2, 3, Pixels));
        for (int k = 10; k < gz.Length - 8; k++) gz[k] ^= 0x5A;
        (string i, string l) = Write(gz, IdxWriter.Labels(LabelValues));
        var e = Assert.Throws<InvalidDataException>(() => Dataset.FromIdx(i, l));
        Assert.Contains(i, e.Message);
    }

    [Fact]
    public void LoadsFashionMnistWhenInstalled()
    {
        const string dir = "/usr/share/datasets/fashion-mnist";
        // The Debian package is optional on developer machines; CI installs it (.ci/run).
        if (!Directory.Exists(dir)) return;
        Dataset d = Dataset.FromIdx(Path.Combine(dir, "t10k-images-idx3-ubyte.gz"), Path.Combine(dir, "t10k-labels-idx1-ubyte.gz"), Dataset.FashionMnistClassNames);
        Assert.Equal(10000, d.Count);
        Assert.Equal(784, d.FeatureCount);
        Assert.Equal(10, d.TargetCount);
        var perClass = new int[10];
        for (int e = 0; e < d.Count; e++) perClass[d.Label(e)]++;
        // The test set is balanced: 1,000 images per class.
        Assert.All(perClass, c => Assert.Equal(1000, c));
    }

    private static void AssertMessage(InvalidDataException e, string path, string location)
    {
        Assert.Contains(path, e.Message);
        Assert.Contains(location, e.Message);
    }
}
