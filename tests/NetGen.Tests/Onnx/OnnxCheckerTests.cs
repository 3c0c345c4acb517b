using System;
using System.IO;
using System.Linq;
using NetGen.Tests.Data;
using NetGen.Tests.GeneratedCode;
using Xunit;

namespace NetGen.Tests.Onnx;

/// <summary>The ONNX project's own validator, onnx.checker.check_model with full_check (shape inference), accepts every export.</summary>
public sealed class OnnxCheckerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [FactWhenPythonHas("onnx", "python3-onnx")]
    public void CheckerAcceptsEveryExport()
    {
        string python = PythonTools.Require("onnx");
        foreach (string name in NetworkCatalog.Small.Concat(NetworkCatalog.Large))
        {
            INetwork net = NetworkCatalog.Create(name);
            NetworkCatalog.Randomize(net, seed: 3);
            net.SaveOnnx(_dir.File(name + ".onnx"));
        }

        var folded = NetworkCatalog.Create("TanhHiddenCce");
        folded.SaveOnnx(_dir.File("folded.onnx"), new Standardizer(Enumerable.Repeat(0.5f, 13).ToArray(), Enumerable.Repeat(2f, 13).ToArray()), foldStandardizer: true);

        const string script = """
            import glob, sys, onnx
            files = sorted(glob.glob(sys.argv[1] + "/*.onnx"))
            for path in files:
                model = onnx.load(path)
                onnx.checker.check_model(model, full_check=True)
                inferred = onnx.shape_inference.infer_shapes(model, strict_mode=True)
                assert model.opset_import[0].version == 13, path
            print("checked", len(files))
            """;
        (int exit, string output, string error) = PythonTools.Run(python, new[] { "-c", script, _dir.Path }, TimeSpan.FromMinutes(3));
        Assert.True(exit == 0, $"onnx.checker failed ({exit}):\n{output}\n{error}");
        Assert.Contains($"checked {NetworkCatalog.Small.Length + NetworkCatalog.Large.Length + 1}", output);
    }

    /// <summary>A file the checker must refuse, so the test above can fail.</summary>
    [FactWhenPythonHas("onnx", "python3-onnx")]
    public void CheckerRefusesABrokenGraph()
    {
        string python = PythonTools.Require("onnx");
        byte[] broken = new OnnxBytes(13).Input("x", 1, "N", 4L).Node("Relu", new[] { "missing" }, new[] { "y" }).Output("y", 1, "N", 4L).Build();
        string path = _dir.File("broken.onnx");
        File.WriteAllBytes(path, broken);
        (int exit, _, string error) = PythonTools.Run(python, new[] { "-c", "import sys, onnx; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)", path }, TimeSpan.FromMinutes(1));
        Assert.NotEqual(0, exit);
        Assert.Contains("missing", error);
    }
}
