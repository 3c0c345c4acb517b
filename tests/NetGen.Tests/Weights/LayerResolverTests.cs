using System.Collections.Generic;
using System.Linq;
using System.Text;
using NetGen.Safetensors;
using Xunit;

namespace NetGen.Tests.Weights;

/// <summary>
/// The resolver knows layers only as lists of named tensors: a layer kind with other tensors (here a made-up
/// normalisation layer with <c>scale</c> and <c>shift</c>) resolves by NetGen and by PyTorch names with no new code.
/// </summary>
public class LayerResolverTests
{
    private static readonly SafetensorsLayerSpec[] Specs =
    {
        SafetensorsLayerSpec.Dense(4, 3),
        new("Norm", new[] { ("scale", new long[] { 3 }), ("shift", new long[] { 3 }) }),
        SafetensorsLayerSpec.Dense(3, 2),
    };

    private static SafetensorsHeader Header(params (string Name, long[] Shape)[] tensors)
    {
        (string json, int dataLength) = SafetensorsBytes.Header(tensors);
        Assert.Null(SafetensorsParser.ParseHeader(Encoding.UTF8.GetBytes(json), dataLength, out SafetensorsHeader? header));
        return header!;
    }

    private static (string, long[])[] Named(string stem, params int[] indices) => new[]
    {
        ($"{stem}{indices[0]}.weight", new long[] { 3, 4 }), ($"{stem}{indices[0]}.bias", new long[] { 3 }),
        ($"{stem}{indices[1]}.shift", new long[] { 3 }), ($"{stem}{indices[1]}.scale", new long[] { 3 }),
        ($"{stem}{indices[2]}.weight", new long[] { 2, 3 }), ($"{stem}{indices[2]}.bias", new long[] { 2 }),
    };

    [Theory]
    [InlineData("layers.", false, 0, 1, 2)]
    [InlineData("", true, 0, 2, 5)]
    [InlineData("net.", true, 1, 3, 10)]
    public void AnyLayerKindResolvesByItsTensorNames(string stem, bool pyTorch, int a, int b, int c)
    {
        SafetensorsHeader header = Header(Named(stem, a, b, c));
        Assert.Null(SafetensorsLayerResolver.Resolve(header, Specs, out SafetensorsLayerTensors[] layers, out bool usedPyTorchNames));
        Assert.Equal(pyTorch, usedPyTorchNames);
        // In each spec's order, whatever the file's order.
        Assert.Equal(new[] { $"{stem}{b}.scale", $"{stem}{b}.shift" }, layers[1].Tensors.Select(t => t.Name));
        Assert.Equal($"{stem}{c}.weight", layers[2].Weight.Name);
    }

    [Fact]
    public void AMissingOrMisplacedTensorIsNamed()
    {
        var tensors = Named("", 0, 1, 2).Where(t => t.Item1 != "1.shift").ToArray();
        SafetensorsError? error = SafetensorsLayerResolver.Resolve(Header(tensors), Specs, out _, out _);
        Assert.Contains("tensor '1.shift' is missing", error!.ToString());

        // A Dense layer's tensors where the Norm layer belongs: its shapes match, but its names do not.
        var swapped = new[]
        {
            ("0.weight", new long[] { 3, 4 }), ("0.bias", new long[] { 3 }), ("1.weight", new long[] { 3, 3 }), ("1.bias", new long[] { 3 }),
            ("2.weight", new long[] { 2, 3 }), ("2.bias", new long[] { 2 }),
        };
        Assert.Contains("tensor '1.scale' is missing", SafetensorsLayerResolver.Resolve(Header(swapped), Specs, out _, out _)!.ToString());

        var wrongShape = Named("layers.", 0, 1, 2).Select(t => t.Item1 == "layers.1.scale" ? (t.Item1, new long[] { 4 }) : t).ToArray();
        Assert.Contains("tensor 'layers.1.scale' has shape [4]; Norm layer 1 needs [3]", SafetensorsLayerResolver.Resolve(Header(wrongShape), Specs, out _, out _)!.ToString());
    }
}
