using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Model.Layers;
using NetGen.Safetensors;

namespace NetGen.Generator.Weights;

/// <summary>
/// Joins a parsed network with the weights file its <c>[EmbeddedWeights]</c> names and checks the file against the
/// declared layers with the runtime's own resolver (<see cref="SafetensorsLayerResolver"/>), so a file that
/// <c>net.Load</c> accepts is exactly a file that can be embedded. Every problem is an error at the attribute's path.
/// </summary>
internal static class EmbeddedWeightsBinder
{
    public static BoundNetwork Bind(ParseResult result, ImmutableArray<WeightsFile> files)
    {
        NetworkModel? model = result.Model;
        if (model?.EmbeddedWeightsPath is not string path) return new BoundNetwork(model, null, EquatableArray<DiagnosticInfo>.Empty);

        LocationInfo? location = result.EmbeddedWeightsLocation;
        List<WeightsFile> matches = files
            .Where(f => f.RequestedAs.AsImmutableArray().Contains(path))
            .GroupBy(f => WeightsPathMatcher.Normalize(f.Path), StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First())
            .ToList();
        if (matches.Count == 0) return Failed(model, DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileNotInAdditionalFiles, location, path));
        if (matches.Count > 1)
            return Failed(model, DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileMalformed, location, path, model.FullName,
                $"it names {matches.Count} AdditionalFiles ({string.Join(", ", matches.Select(m => m.Path))}); write more of its path so it names one"));

        WeightsFile file = matches[0];
        if (file.Onnx is not null) return OnnxWeightsBinder.Bind(model, location, path, file.Onnx);
        if (file.Problem is not null) return Failed(model, DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileMalformed, location, path, model.FullName, file.Problem));

        SafetensorsHeader header = ToHeader(file);
        var shapes = model.Nodes.OfType<DenseNode>().Select(d => (d.Inputs, d.Units)).ToList();
        SafetensorsError? error = SafetensorsLayerResolver.Resolve(header, shapes, out SafetensorsLayerTensors[] layers, out _);
        if (error is not null) return Failed(model, DiagnosticInfo.Create(Descriptor(error.Kind), location, path, model.FullName, error.ToString()));

        // The resolver guarantees shapes, so the tensors hold exactly ParameterCount floats in the Parameters layout:
        // per layer the [units, inputs] weights row-major, then the biases.
        var parameters = new byte[4L * model.ParameterCount];
        int offset = 0;
        foreach (SafetensorsLayerTensors layer in layers)
        {
            foreach (SafetensorsTensorInfo tensor in new[] { layer.Weight, layer.Bias })
            {
                ReadOnlySpan<byte> bytes = file.Data.Span.Slice((int)tensor.Begin, (int)tensor.ByteLength);
                int bad = SafetensorsFloat32.Decode(bytes, new float[bytes.Length / 4]);
                if (bad >= 0)
                    return Failed(model, DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileMalformed, location, path, model.FullName,
                        $"byte {header.DataStart + tensor.Begin + 4L * bad}: tensor '{tensor.Name}' element {bad} is NaN or infinite; weights must be finite"));
                bytes.CopyTo(parameters.AsSpan(offset));
                offset += bytes.Length;
            }
        }

        return new BoundNetwork(model, new PretrainedWeights(path, new ByteBlob(parameters)), EquatableArray<DiagnosticInfo>.Empty);
    }

    private static BoundNetwork Failed(NetworkModel model, DiagnosticInfo diagnostic) =>
        new(model, null, ImmutableArray.Create(diagnostic).ToEquatableArray());

    private static DiagnosticDescriptor Descriptor(SafetensorsErrorKind kind) => kind switch
    {
        SafetensorsErrorKind.MissingTensor => DiagnosticDescriptors.WeightsTensorMissing,
        SafetensorsErrorKind.ExtraTensor => DiagnosticDescriptors.WeightsTensorExtra,
        SafetensorsErrorKind.WrongShape => DiagnosticDescriptors.WeightsTensorShape,
        SafetensorsErrorKind.WrongDType => DiagnosticDescriptors.WeightsTensorDtype,
        _ => DiagnosticDescriptors.WeightsFileMalformed,
    };

    /// <summary>Rebuilds the shared parser's header from the cached entries, for the shared resolver.</summary>
    private static SafetensorsHeader ToHeader(WeightsFile file)
    {
        var tensors = file.Tensors
            .Select(t => new SafetensorsTensorInfo(t.Name, t.DType, t.Shape.AsImmutableArray().ToArray(), t.Begin, t.End, t.HeaderOffset))
            .ToList();
        var byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        return new SafetensorsHeader(tensors, byName, new Dictionary<string, string>(), file.HeaderLength, file.Data.Length);
    }
}
