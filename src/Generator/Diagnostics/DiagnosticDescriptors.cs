using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Diagnostics;

/// <summary>
/// Every diagnostic NetGen reports. IDs are stable once shipped; each has an entry in docs/diagnostics.md and in
/// AnalyzerReleases.Unshipped.md. Messages name the numbers involved so the error is actionable without the docs.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string DeclarationCategory = "NetGen.Declaration";
    private const string WeightsCategory = "NetGen.EmbeddedWeights";
    private const string CallCategory = "NetGen.Usage";
    // Relative to the repository root: NetGen has no canonical public home yet, and a made-up absolute URL would send
    // users to a 404. docs/diagnostics.md has one section per ID with this anchor; a test keeps the two in sync.
    private const string HelpLinkBase = "docs/diagnostics.md#";

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, string category = DeclarationCategory) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id.ToLowerInvariant());

    public static readonly DiagnosticDescriptor NotPartial = Create(
        "NG0001", "Network class must be partial",
        "Class '{0}' has [Network] but is not partial; add the 'partial' modifier so NetGen can add the network's members",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NoDenseLayer = Create(
        "NG0002", "Network has no Dense layer",
        "Network '{0}' declares no [Dense] layer; add at least one, the last being the output layer",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InputSizeTooSmall = Create(
        "NG0003", "Input size must be at least 1",
        "Network '{0}' declares {1} inputs; the input size must be at least 1",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnitsTooSmall = Create(
        "NG0004", "Layer must have at least 1 unit",
        "Dense layer {0} of '{1}' declares {2} units; a layer needs at least 1",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor SoftmaxOnHiddenLayer = Create(
        "NG0005", "Softmax is only allowed on the output layer",
        "Dense layer {0} of '{1}' uses Softmax but is a hidden layer (the output layer is layer {2}); use Softmax only on the output layer",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor LossActivationMismatch = Create(
        "NG0006", "Loss does not fit the output activation",
        "Loss {0} needs a {1} output layer, but the output layer of '{2}' uses {3}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor SoftmaxSingleUnit = Create(
        "NG0007", "Softmax output with one unit is constant",
        "The output layer of '{0}' is Softmax with 1 unit, which always outputs 1; use Sigmoid for a single probability, or 2 or more units",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor LayersOnSeveralDeclarations = Create(
        "NG0008", "Layer attributes are spread over several partial declarations",
        "Network '{0}' has [Network], [Dense] or [Dropout] attributes on more than one partial declaration; layer order across files is undefined, so declare them all on one declaration",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor TooManyParameters = Create(
        "NG0009", "Network has too many parameters",
        "Network '{0}' has {1} parameters once Dense layer {2} ({3} units) is added; at most {4} fit in one array",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor AlphaIgnored = Create(
        "NG0010", "Alpha is ignored by this activation",
        "Dense layer {0} of '{1}' sets Alpha = {2}, but {3} has no alpha; only LeakyRelu and Elu use it",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor AlphaOutOfRange = Create(
        "NG0011", "Alpha is out of range",
        "Dense layer {0} of '{1}' sets Alpha = {2}; {3} needs {4}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DropoutRateOutOfRange = Create(
        "NG0012", "Dropout rate is out of range",
        "Dropout rate {0} in '{1}' is outside [0, 1); it is the probability of dropping a unit, so 0 keeps every unit and 1 would drop them all",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DropoutAfterOutput = Create(
        "NG0013", "Dropout after the output layer",
        "[Dropout] follows the output layer of '{0}'; dropout applies to hidden layers only, so move it between Dense layers or remove it",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DropoutBeforeFirstLayer = Create(
        "NG0014", "Dropout before the first Dense layer",
        "[Dropout] precedes the first Dense layer of '{0}'; NetGen applies dropout to a layer's output, so place it after a hidden Dense layer",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ConsecutiveDropout = Create(
        "NG0015", "Several Dropout attributes on one layer",
        "Dense layer {0} of '{1}' is followed by more than one [Dropout]; use a single Dropout with the combined rate",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor GenericNetwork = Create(
        "NG0016", "Network class cannot be generic",
        "Class '{0}' has [Network] but is generic; a network's shape is fixed, so declare it on a non-generic class",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Create(
        "NG0017", "Containing type must be partial",
        "Network '{0}' is nested in '{1}', which is not partial; make every enclosing type partial so NetGen can add the network's members",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NotAnInstanceClass = Create(
        "NG0018", "Network must be a plain instance class",
        "'{0}' has [Network] but is {1}; declare the network on a plain (non-static, non-abstract, non-record, non-file-local) partial class",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MemberNameConflict = Create(
        "NG0019", "Member conflicts with a generated member",
        "Network '{0}' has member '{1}' (declared in '{2}'), which clashes with a member NetGen generates; rename or remove it",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UndefinedEnumValue = Create(
        "NG0020", "Undefined enum value",
        "{0} value {1} in '{2}' is not a defined {0}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor LayerWithoutNetwork = Create(
        "NG0021", "Layer attributes without [Network]",
        "Class '{0}' has [{1}] but no [Network]; add [Network(inputs)] to the same declaration, or NetGen generates nothing for it",
        DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor BaseClassIsNetwork = Create(
        "NG0022", "Network derives from another network",
        "Network '{0}' derives from '{1}', which is also a [Network]; the generated members would hide the base network's, so derive from a plain class or compose the base network as a field",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor LanguageVersionTooOld = Create(
        "NG0023", "C# 9 or later is required",
        "Network '{0}' is compiled as C# {1}, but NetGen's generated code needs C# 9 or later; set <LangVersion>9.0</LangVersion> (or later) in the project file",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DropoutRateZero = Create(
        "NG0024", "Dropout rate 0 has no effect",
        "[Dropout(0)] after Dense layer {0} of '{1}' drops nothing; remove it or give it a rate above 0",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor LinearHiddenLayer = Create(
        "NG0025", "Hidden layer without a nonlinearity",
        "Dense layer {0} of '{1}' is a hidden layer with the Identity activation (the default), so it and the next layer compose to a single linear map; give it a nonlinear activation such as Activation.Relu unless a linear bottleneck is intended",
        DiagnosticSeverity.Info);

    // NG0030-NG0039: [EmbeddedWeights].
    public static readonly DiagnosticDescriptor WeightsFileNotInAdditionalFiles = Create(
        "NG0030", "Embedded weights file is not an AdditionalFile",
        "'{0}' is not among the project's AdditionalFiles; add <AdditionalFiles Include=\"{0}\" /> to the project file",
        DiagnosticSeverity.Error, WeightsCategory);

    // The shared safetensors resolver's sentence ({2}) names the tensor and the expected and actual values; the runtime's
    // Load throws with the same sentence, so a file fails the same way at compile time and at run time.
    public static readonly DiagnosticDescriptor WeightsFileMalformed = Create(
        "NG0031", "Embedded weights file cannot be read",
        "'{0}' cannot be embedded in '{1}': {2}",
        DiagnosticSeverity.Error, WeightsCategory);

    public static readonly DiagnosticDescriptor WeightsTensorMissing = Create(
        "NG0032", "Embedded weights file lacks a tensor",
        "'{0}' lacks a tensor that '{1}' needs: {2}",
        DiagnosticSeverity.Error, WeightsCategory);

    public static readonly DiagnosticDescriptor WeightsTensorExtra = Create(
        "NG0033", "Embedded weights file has an extra tensor",
        "'{0}' holds a tensor that '{1}' does not use: {2}",
        DiagnosticSeverity.Error, WeightsCategory);

    public static readonly DiagnosticDescriptor WeightsTensorShape = Create(
        "NG0034", "Embedded weights tensor has the wrong shape",
        "'{0}' has a tensor of the wrong shape for '{1}': {2}",
        DiagnosticSeverity.Error, WeightsCategory);

    public static readonly DiagnosticDescriptor WeightsTensorDtype = Create(
        "NG0035", "Embedded weights tensor has an unsupported dtype",
        "'{0}' has a tensor of an unsupported dtype for '{1}': {2}",
        DiagnosticSeverity.Error, WeightsCategory);

    // The shared ONNX reader's sentence ({2}) names the node by index and operator, as the runtime's Load does.
    public static readonly DiagnosticDescriptor WeightsOnnxUnsupported = Create(
        "NG0036", "Embedded ONNX graph is not a dense network",
        "'{0}' cannot be embedded in '{1}': {2}",
        DiagnosticSeverity.Error, WeightsCategory);

    public static readonly DiagnosticDescriptor WeightsOnnxActivation = Create(
        "NG0037", "Embedded ONNX layer has a different activation",
        "'{0}' does not match the activations of '{1}': {2}",
        DiagnosticSeverity.Error, WeightsCategory);
    // NG0040-NG0049: calls to a generated network's members (CallSiteShapeAnalyzer).
    public static readonly DiagnosticDescriptor WrongBufferLength = Create(
        "NG0040", "Buffer has the wrong length for the network",
        "'{0}' of {1}.{2} must have {3} values ({1}.{4}), but this argument has {5}",
        DiagnosticSeverity.Error, CallCategory);

    public static readonly DiagnosticDescriptor BatchBufferTooShort = Create(
        "NG0041", "Batch buffer is too short for the count",
        "'{0}' of {1}.{2} needs at least {3} values ({4} examples of {1}.{5} = {6}), but this argument has {7}",
        DiagnosticSeverity.Error, CallCategory);

    public static readonly DiagnosticDescriptor InternalError = Create(
        "NG0099", "NetGen internal error",
        "NetGen could not process '{0}': {1}; please report this with the declaration that caused it",
        DiagnosticSeverity.Warning);
}
