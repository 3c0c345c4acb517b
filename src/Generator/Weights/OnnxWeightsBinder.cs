using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Plan;
using NetGen.Onnx;

namespace NetGen.Generator.Weights;

/// <summary>
/// Checks an embedded ONNX file's layers against the declared network with the runtime's own matcher
/// (<see cref="OnnxLayerMatcher"/>), so a file that <c>net.Load</c> accepts is exactly a file that can be embedded.
/// Every problem is an error at the attribute's path.
/// </summary>
internal static class OnnxWeightsBinder
{
    public static BoundNetwork Bind(NetworkModel model, LocationInfo? location, string path, OnnxWeights onnx)
    {
        if (onnx.Problem is not null) return Failed(model, location, path, Descriptor(onnx.ErrorKind), onnx.Problem);
        if (onnx.StandardizesInput)
            return Failed(model, location, path, DiagnosticDescriptors.WeightsOnnxUnsupported,
                "the graph standardizes its input with Sub/Div nodes before the first layer, which baked weights cannot carry; export it without the folded standardizer and apply the standardizer in code");

        var network = new OnnxDenseNetwork();
        foreach (OnnxLayerFacts facts in onnx.Layers)
            network.Layers.Add(new OnnxDenseLayer(facts.Inputs, facts.Units, new float[0], facts.Source) { Activation = facts.Activation, Alpha = facts.Alpha });
        DeclaredLayer[] declared = model.Stages().Select(l => new DeclaredLayer(l.Inputs, l.Units, l.Activation.ToString(), l.Alpha)).ToArray();
        OnnxError? error = OnnxLayerMatcher.Match(network, declared);
        if (error is not null) return Failed(model, location, path, Descriptor(error.Kind), error.Message);

        // The matcher guarantees the shapes, so the parameters hold exactly ParameterCount floats in the Parameters layout.
        return new BoundNetwork(model, new PretrainedWeights(path, onnx.Parameters), EquatableArray<DiagnosticInfo>.Empty);
    }

    private static BoundNetwork Failed(NetworkModel model, LocationInfo? location, string path, DiagnosticDescriptor descriptor, string message) =>
        new(model, null, ImmutableArray.Create(DiagnosticInfo.Create(descriptor, location, path, model.FullName, message)).ToEquatableArray());

    private static DiagnosticDescriptor Descriptor(OnnxErrorKind kind) => kind switch
    {
        OnnxErrorKind.Unsupported => DiagnosticDescriptors.WeightsOnnxUnsupported,
        OnnxErrorKind.MissingLayer => DiagnosticDescriptors.WeightsTensorMissing,
        OnnxErrorKind.ExtraLayer => DiagnosticDescriptors.WeightsTensorExtra,
        OnnxErrorKind.WrongShape => DiagnosticDescriptors.WeightsTensorShape,
        OnnxErrorKind.WrongDType => DiagnosticDescriptors.WeightsTensorDtype,
        OnnxErrorKind.WrongActivation => DiagnosticDescriptors.WeightsOnnxActivation,
        _ => DiagnosticDescriptors.WeightsFileMalformed,
    };
}
