using System.Runtime.CompilerServices;
using CsCheck;
using NetGen.Fuzz;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests.Fuzzing;

/// <summary>
/// Property suites for every parser: each runs <see cref="ParserCampaign.InputsPerRun"/> CsCheck inputs (at least
/// 10,000 distinct; NETGEN_FUZZ_INPUTS raises it) half from damaged seeds, half from the format's grammar, and holds
/// each to the parser contract, the memory bound and the time bound of <see cref="ParserCampaign"/>. Fixed seeds keep a
/// CI run reproducible; NETGEN_FUZZ_SEED (a CsCheck seed) explores elsewhere.
/// </summary>
public sealed class ParserPropertyTests
{
    private readonly ITestOutputHelper _output;

    public ParserPropertyTests(ITestOutputHelper output) => _output = output;

    private static string Seed(string fixedSeed) => System.Environment.GetEnvironmentVariable("NETGEN_FUZZ_SEED") is { Length: > 0 } s ? s : fixedSeed;

    /// <remarks>
    /// Each figure line begins with the suite's name: several suites share a target, and the campaign scripts drop the
    /// test runner's "Passed" lines that would otherwise name them.
    /// </remarks>
    private void Run(string target, Gen<byte[]> grammar, string seed, [CallerMemberName] string suite = "")
    {
        FuzzTarget parser = FuzzTargets.Find(target);
        Gen<byte[]> inputs = Gen.Frequency((1, InputMutations.Of(parser.Seeds())), (1, grammar));
        ParserCampaign.Run(parser, inputs, Seed(seed), line => _output.WriteLine($"{suite}, {line}"));
    }

    [Fact]
    public void IdxRaw() =>
        Run("idx-images", Gen.Frequency((4, FormatGenerators.Idx(3)), (1, InputMutations.Random(64, new byte[] { 0, 0, 8, 3 }))), "0000idxraw01");

    [Fact]
    public void IdxLabelsRaw() => Run("idx-labels", FormatGenerators.Idx(1), "0000idxlab01");

    [Fact]
    public void IdxGzip() =>
        Run("idx-images", Gen.Frequency((3, FormatGenerators.Gzipped(FormatGenerators.Idx(3))), (1, InputMutations.Of(new[] { FuzzTargets.All[0].Seeds()[1] }))), "0000idxgz001");

    [Fact]
    public void CsvRaw() => Run("csv", Gen.Frequency((4, FormatGenerators.Csv()), (1, FormatGenerators.CsvBulk())), "0000csvraw01");

    [Fact]
    public void CsvGzip() =>
        Run("csv", Gen.Frequency((3, FormatGenerators.Gzipped(FormatGenerators.Csv())), (1, InputMutations.Of(new[] { FuzzTargets.Find("csv").Seeds()[1] }))), "0000csvgz001");

    [Fact]
    public void SafetensorsHeaderAndBody() => Run("safetensors", FormatGenerators.Safetensors(), "0000safet001");

    [Fact]
    public void WeightFileMetadata() => Run("weight-metadata", FormatGenerators.WeightMetadata(), "0000wmeta001");

    /// <summary>ONNX models from the exporters' grammar, and large ones of one repeated element (the allocation bound).</summary>
    [Fact]
    public void OnnxGrammar() => Run("onnx", Gen.Frequency((4, FormatGenerators.Onnx()), (1, FormatGenerators.OnnxBulk())), "0000onnxgr01");

    /// <summary>The ONNX seeds with protobuf fields changed: valid protobuf with wrong values, and lengths and varints that break it.</summary>
    [Fact]
    public void OnnxStructureMutations() => Run("onnx", ProtobufMutations.Of(FuzzTargets.OnnxSeeds()), "0000onnxpb01");
}
