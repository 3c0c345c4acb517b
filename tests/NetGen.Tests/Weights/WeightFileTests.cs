using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using NetGen.Tests.Data;
using Xunit;

namespace NetGen.Tests.Weights;

public sealed class WeightFileTests : IDisposable
{
    private static readonly NetworkArchitecture Arch = ParameterOnlyNetwork.Describe(4, (5, Activation.Tanh), (3, Activation.Softmax));
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Path(string name = "net.safetensors") => _dir.File(name);

    [Fact]
    public void RoundTripGivesIdenticalParameters()
    {
        var saved = new ParameterOnlyNetwork(Arch, seed: 1);
        saved.Save(Path());
        var loaded = new ParameterOnlyNetwork(Arch, seed: 2);
        Assert.NotEqual(saved.Parameters.ToArray(), loaded.Parameters.ToArray());

        LoadResult result = loaded.Load(Path());

        Assert.Equal(saved.Parameters.ToArray(), loaded.Parameters.ToArray());
        Assert.Null(result.Standardizer);
        Assert.False(result.UsedPyTorchNames);
        Assert.Equal(Arch.ToString(), result.Architecture);
        Assert.Equal("1", result.Metadata["netgen.format_version"]);
        var input = new float[] { 0.5f, -1, 2, 0 };
        float[] a = new float[3], b = new float[3];
        saved.Forward(input, a);
        loaded.Forward(input, b);
        Assert.Equal(a, b);
    }

    [Fact]
    public void FileFollowsTheSafetensorsLayout()
    {
        var net = new ParameterOnlyNetwork(Arch, seed: 1);
        net.Save(Path());
        byte[] file = File.ReadAllBytes(Path());
        long n = BitConverter.ToInt64(file, 0);
        // Padded so the data buffer starts 8-byte aligned.
        Assert.Equal(0, (8 + n) % 8);
        using JsonDocument header = JsonDocument.Parse(Encoding.UTF8.GetString(file, 8, (int)n));
        JsonElement w1 = header.RootElement.GetProperty("layers.1.weight");
        Assert.Equal("F32", w1.GetProperty("dtype").GetString());
        Assert.Equal(new[] { 3, 5 }, w1.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        int begin = w1.GetProperty("data_offsets")[0].GetInt32();
        // layers.1.weight follows layers.0.weight (5x4) and layers.0.bias (5): 25 floats in.
        Assert.Equal(25 * 4, begin);
        Assert.Equal(net.Parameters[25], BitConverter.ToSingle(file, (int)(8 + n) + begin));
        Assert.Equal(8 + n + Arch.ParameterCount * 4, file.Length);
        Assert.Equal("Tanh,Softmax", header.RootElement.GetProperty("__metadata__").GetProperty("netgen.activations").GetString());
    }

    [Fact]
    public void StandardizerTravelsWithTheWeights()
    {
        Dataset iris = Dataset.FromCsv(RepoFiles.DataSet("iris.csv"), "species");
        (Dataset train, _) = iris.Split(0.8, 1);
        Standardizer fitted = Standardizer.Fit(train);
        var net = new ParameterOnlyNetwork(Arch, 1);
        net.Save(Path(), fitted);

        Standardizer? loaded = new ParameterOnlyNetwork(Arch, 3).Load(Path()).Standardizer;

        Assert.NotNull(loaded);
        Assert.Equal(fitted.Means, loaded!.Means);
        Assert.Equal(fitted.StandardDeviations, loaded.StandardDeviations);
    }

    [Fact]
    public void SaveRejectsAStandardizerOfTheWrongWidth()
    {
        var s = new Standardizer(new float[3], new float[] { 1, 1, 1 });
        var e = Assert.Throws<ArgumentException>(() => new ParameterOnlyNetwork(Arch).Save(Path(), s));
        Assert.Contains("3 features but the network has 4 inputs", e.Message);
        Assert.False(File.Exists(Path()));
    }

    [Fact]
    public void SaveReplacesAnExistingFile()
    {
        new ParameterOnlyNetwork(Arch, 1).Save(Path());
        var second = new ParameterOnlyNetwork(Arch, 2);
        second.Save(Path());
        var check = new ParameterOnlyNetwork(Arch, 3);
        check.Load(Path());
        Assert.Equal(second.Parameters.ToArray(), check.Parameters.ToArray());
        Assert.Single(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void AWriteThatFailsMidwayLeavesTheOldFileIntactAndNoTemporaryFile()
    {
        new ParameterOnlyNetwork(Arch, 1).Save(Path());
        byte[] before = File.ReadAllBytes(Path());

        Assert.Throws<IOException>(() => AtomicFile.Write(Path(), stream =>
        {
            stream.Write(new byte[1000]);
            throw new IOException("simulated failure halfway through");
        }));

        Assert.Equal(before, File.ReadAllBytes(Path()));
        Assert.Single(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void LoadFailuresLeaveTheParametersUntouched()
    {
        var other = ParameterOnlyNetwork.Describe(4, (6, Activation.Tanh), (3, Activation.Softmax));
        new ParameterOnlyNetwork(other, 1).Save(Path("other-shape.safetensors"));
        new ParameterOnlyNetwork(ParameterOnlyNetwork.Describe(4, (5, Activation.Relu), (3, Activation.Softmax)), 1).Save(Path("relu.safetensors"));
        new ParameterOnlyNetwork(Arch, 1).Save(Path("good.safetensors"));
        byte[] good = File.ReadAllBytes(Path("good.safetensors"));
        File.WriteAllBytes(Path("truncated.safetensors"), good[..^1]);
        byte[] nan = (byte[])good.Clone();
        BitConverter.TryWriteBytes(nan.AsSpan(nan.Length - 4), float.NaN); // the last bias: everything before it decodes fine
        File.WriteAllBytes(Path("nan.safetensors"), nan);

        var net = new ParameterOnlyNetwork(Arch, 7);
        float[] original = net.Parameters.ToArray();
        foreach ((string file, string expected) in new[]
                 {
                     ("other-shape.safetensors", "tensor 'layers.0.weight' has shape [6, 4]; Dense layer 0 needs [5, 4]"),
                     ("relu.safetensors", "activations [Relu,Softmax] but this network has [Tanh,Softmax]"),
                     ("truncated.safetensors", "tensor 'layers.1.bias' has data_offsets [160, 172] beyond the 171-byte data buffer"),
                     ("nan.safetensors", $"byte {good.Length - 4}: tensor 'layers.1.bias' element 2 is NaN"),
                 })
        {
            var e = Assert.Throws<InvalidDataException>(() => net.Load(Path(file)));
            Assert.Contains(Path(file), e.Message);
            Assert.Contains(expected, e.Message);
            Assert.Equal(original, net.Parameters.ToArray());
        }
    }

    [Fact]
    public void PyTorchSequentialNamesLoadInNumericOrder()
    {
        // Prefixes 2 and 10: text order would put "10" first and fail the shape check.
        var source = new ParameterOnlyNetwork(Arch, 1);
        WriteWithNames(Path(), source, "2", "10", stem: "");
        var net = new ParameterOnlyNetwork(Arch, 5);
        LoadResult result = net.Load(Path());
        Assert.True(result.UsedPyTorchNames);
        Assert.Equal(source.Parameters.ToArray(), net.Parameters.ToArray());

        // A module holding the Sequential as self.net or self.layers: a shared stem before the index.
        foreach (string stem in new[] { "net.", "layers." })
        {
            WriteWithNames(Path("stem.safetensors"), source, "0", "2", stem);
            var viaStem = new ParameterOnlyNetwork(Arch, 6);
            Assert.True(viaStem.Load(Path("stem.safetensors")).UsedPyTorchNames);
            Assert.Equal(source.Parameters.ToArray(), viaStem.Parameters.ToArray());
        }
    }

    [Theory]
    [InlineData("layers.0.weight:5x4,layers.0.bias:5,layers.1.weight:3x5", "tensor 'layers.1.bias' is missing")]
    [InlineData("layers.0.weight:5x4,layers.0.bias:5,layers.1.weight:3x5,layers.1.bias:3,layers.2.bias:3", "tensor 'layers.2.bias' does not belong to the network")]
    [InlineData("layers.0.weight:4x5,layers.0.bias:5,layers.1.weight:3x5,layers.1.bias:3", "tensor 'layers.0.weight' has shape [4, 5]; Dense layer 0 needs [5, 4]")]
    [InlineData("layers.0.weight:5x4,layers.0.bias:5,layers.1.weight:3x5,layers.1.bias:1x3", "tensor 'layers.1.bias' has shape [1, 3]; Dense layer 1 needs [3]")]
    [InlineData("0.weight:5x4,0.bias:5", "the file holds 1 weight/bias pairs (0.weight) but the network has 2 Dense layers")]
    [InlineData("0.weight:5x4,0.bias:5,2.weight:3x5,2.bias:3,4.weight:3x3,4.bias:3", "the file holds 3 weight/bias pairs")]
    [InlineData("0.weight:5x4,0.bias:5,2.weight:3x5", "tensor '2.bias' is missing")]
    [InlineData("0.weight:5x4,0.bias:5,a.2.weight:3x5,a.2.bias:3", "has prefix 'a.' but other tensors have ''")]
    [InlineData("0.weight:5x4,0.bias:5,2.weight:3x5,2.bias:3,bn.running_mean:3", "tensor 'bn.running_mean' is neither")]
    public void NamesAndShapesAreChecked(string tensors, string expected)
    {
        var specs = tensors.Split(',').Select(t => (Name: t.Split(':')[0], Shape: t.Split(':')[1].Split('x').Select(long.Parse).ToArray())).ToList();
        (string json, int dataLength) = SafetensorsBytes.Header(specs);
        File.WriteAllBytes(Path(), SafetensorsBytes.Build(json, dataLength));
        var e = Assert.Throws<InvalidDataException>(() => new ParameterOnlyNetwork(Arch).Load(Path()));
        Assert.Contains(Path(), e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void OnlyF32IsAccepted()
    {
        string json = "{\"0.weight\":{\"dtype\":\"F64\",\"shape\":[5,4],\"data_offsets\":[0,160]},\"0.bias\":{\"dtype\":\"F32\",\"shape\":[5],\"data_offsets\":[160,180]},"
                      + "\"1.weight\":{\"dtype\":\"F32\",\"shape\":[3,5],\"data_offsets\":[180,240]},\"1.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[240,252]}}";
        File.WriteAllBytes(Path(), SafetensorsBytes.Build(json, 252));
        var e = Assert.Throws<InvalidDataException>(() => new ParameterOnlyNetwork(Arch).Load(Path()));
        Assert.Contains("tensor '0.weight' has dtype F64; NetGen needs F32", e.Message);
        Assert.Contains("byte 9", e.Message); // the entry's key starts right after the 8-byte prefix and '{'
    }

    [Fact]
    public void BadStandardizerMetadataIsAnError()
    {
        new ParameterOnlyNetwork(Arch, 1).Save(Path(), new Standardizer(new float[4], new float[] { 1, 2, 3, 4 }));
        byte[] file = File.ReadAllBytes(Path());
        string text = Encoding.UTF8.GetString(file);
        int at = text.IndexOf("\"1,2,3,4\"", StringComparison.Ordinal);
        Assert.True(at > 0);
        Encoding.UTF8.GetBytes("\"1,2,3,0\"").CopyTo(file, at);
        File.WriteAllBytes(Path(), file);
        var e = Assert.Throws<InvalidDataException>(() => new ParameterOnlyNetwork(Arch).Load(Path()));
        Assert.Contains("'netgen.standardizer.stds' value 3 is 0", e.Message);
    }

    [Fact]
    public void HugeSparseFileWithAHeaderOverTheCapIsRejectedCheaply()
    {
        // A 300 MB file whose prefix claims a 200 MB header: sparse on disk, and never read.
        using (var f = new FileStream(Path(), FileMode.Create))
        {
            f.Write(BitConverter.GetBytes(200L << 20));
            f.SetLength(300L << 20);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => new ParameterOnlyNetwork(Arch).Load(Path()));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000);
        Assert.Contains("byte 0: the header length is 209715200 bytes, above the 104857600-byte limit", e.Message);
    }

    private static void WriteWithNames(string path, ParameterOnlyNetwork net, string first, string second, string stem)
    {
        var tensors = new List<(string, long[], float[])>();
        string[] prefixes = { first, second };
        for (int i = 0; i < 2; i++)
        {
            LayerInfo l = net.Architecture.Layers[i];
            tensors.Add((stem + prefixes[i] + ".weight", new long[] { l.Units, l.Inputs }, net.Parameters.Slice(l.ParameterOffset, l.WeightCount).ToArray()));
            tensors.Add((stem + prefixes[i] + ".bias", new long[] { l.Units }, net.Parameters.Slice(l.BiasOffset, l.Units).ToArray()));
        }

        // Reverse the entry order too: matching must not depend on the order of the header.
        tensors.Reverse();
        using var stream = File.Create(path);
        SafetensorsWriter.Write(stream, tensors, new Dictionary<string, string>());
    }
}
