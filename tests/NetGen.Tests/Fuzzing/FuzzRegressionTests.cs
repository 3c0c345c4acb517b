using System;
using System.IO;
using NetGen.Fuzz;
using NetGen.Tests.Data;
using NetGen.Tests.Onnx;
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

    /// <summary>Loads <paramref name="bytes"/> with the onnx target and returns its clean rejection (a contract violation throws).</summary>
    private InvalidDataException OnnxRejection(byte[] bytes)
    {
        string path = _dir.File("model.onnx");
        File.WriteAllBytes(path, bytes);
        InvalidDataException? e = ContractCheck.Run(FuzzTargets.Find("onnx"), path);
        Assert.NotNull(e);
        return e!;
    }

    /// <summary>A model builder with one graph input of PyTorchOnnxNetwork's width.</summary>
    private static OnnxBytes OnnxInput() => new OnnxBytes().Input("input", 1, "N", 4L);

    /// <summary>
    /// Found in review while adding the ONNX target (an empty name is how ONNX leaves an optional input out, and the
    /// constant check skipped empty names): a MatMul, Add, Sub or Div whose constant input was named "" looked "" up
    /// among the constants and threw KeyNotFoundException. They are refused by node now.
    /// </summary>
    [Theory]
    [InlineData("MatMul", "node 0 (MatMul) must multiply the chain's tensor")]
    [InlineData("Add", "node 1 (Add) has 1 inputs; Add takes 2")]
    [InlineData("Sub", "node 0 (Sub): NetGen reads Sub only as input standardization")]
    [InlineData("Div", "node 0 (Div): NetGen reads Div only as input standardization")]
    public void AnEmptyConstantNameIsRefusedByNode(string op, string message)
    {
        OnnxBytes g = OnnxInput().Initializer("w", new long[] { 4, 16 }, new float[64]);
        if (op == "Add") g.Node("MatMul", new[] { "input", "w" }, new[] { "m" }).Node("Add", new[] { "m", "" }, new[] { "y" });
        else g.Node(op, new[] { "input", "" }, new[] { "y" });
        Assert.Contains(message, OnnxRejection(g.Output("y", 1, "N", 16L).Build()).Message);
    }

    /// <summary>
    /// Found by the CsCheck suite (OnnxGrammar, OnnxStructureMutations; every structural problem): ONNX messages about the
    /// graph as a whole named no position. They name the graph's offset now, like a safetensors header.
    /// </summary>
    [Fact]
    public void GraphLevelProblemsNameTheGraphsOffset()
    {
        InvalidDataException e = OnnxRejection(OnnxInput().Input("second", 1, "N", 4L).Build());
        Assert.Matches(@": byte \d+ \(the graph\): the graph has 2 inputs \('input', 'second'\)", e.Message);
        e = OnnxRejection(OnnxInput().Node("Relu", new[] { "input" }, new[] { "y" }).Output("elsewhere", 1).Build());
        Assert.Contains("node 0 (Relu): Relu comes before any Gemm or MatMul", e.Message);
    }

    /// <summary>Found by the CsCheck suite: a graph with the wrong number of layers was refused without a position; the message names the last layer's node.</summary>
    [Fact]
    public void AWrongLayerCountNamesTheLastLayersNode()
    {
        byte[] ddp = File.ReadAllBytes(Path.Combine(RepoFiles.Root, "tests", "NetGen.TestNetworks", "Weights", "iris_ddp_2proc.onnx"));
        Assert.Matches(@"the graph holds 2 Dense layers \(4-16\(Tanh\)-3\(Softmax\), the last from node \d+ \(Gemm", OnnxRejection(ddp).Message);
    }

    /// <summary>
    /// Found in review: a tensor's element count multiplied the dims before checking them, so dims [4, 2^62] wrapped to 0
    /// elements and passed as an empty tensor (the standardizer check caught it later, with a misleading shape message).
    /// </summary>
    [Fact]
    public void DimsWhoseProductWrapsAreRefused()
    {
        byte[] bytes = OnnxInput().RawInitializer("mean", new[] { 4L, 1L << 62 }, 1, Array.Empty<byte>())
            .Node("Sub", new[] { "input", "mean" }, new[] { "y" }).Output("y", 1).Build();
        Assert.Matches(@"byte \d+: tensor 'mean' has shape \[4, 4611686018427387904\], more elements than a \.onnx file can hold", OnnxRejection(bytes).Message);
    }

    /// <summary>
    /// Found with the CsCheck suite's bulk inputs (OnnxGrammar): 100,000 empty nodes (200 KB, two bytes each) allocated
    /// 27 MB, 135 bytes per input byte against the bound of 64 (a node with three empty collections and a reader object
    /// each), and 100,000 empty graph inputs 19 MB (a reader each, and a message that listed every name). Nodes without
    /// op_type are refused as they are read now, the reader is a struct, collections are made on first add and
    /// messages list at most 8 names.
    /// </summary>
    [Theory]
    [InlineData(11, "node 0 has no op_type")]
    [InlineData(12, "the graph has 100000 inputs")]
    [InlineData(13, "the graph has 0 inputs")]
    public void EmptyMessagesStayWithinTheAllocationBound(int kind, string message)
    {
        byte[] bytes = FormatGenerators.BuildOnnxBulk(kind, 100_000);
        string path = _dir.File("bulk.onnx");
        File.WriteAllBytes(path, bytes);
        FuzzTarget target = FuzzTargets.Find("onnx");
        INetwork net = target.Network!();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => target.LoadInto!(net, path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // The bound first: it is what this test is about, and it holds whatever the message says.
        long bound = ParserCampaign.AllocationPerInputByte * bytes.Length + ParserCampaign.AllocationConstant;
        Assert.True(allocated <= bound, $"{allocated} bytes allocated for a {bytes.Length}-byte file; the bound is {bound}");
        Assert.Contains(message, e.Message);
        Assert.Matches(ContractCheck.Position, e.Message);
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
                if (Path.GetFileName(file) == "README.md") continue; // a corpus's description of where its files came from
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
