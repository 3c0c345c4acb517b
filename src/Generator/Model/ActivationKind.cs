namespace NetGen.Generator.Model;

// The generator cannot reference NetGen.Runtime (it runs inside the compiler), so it mirrors the runtime enums.
// The numeric values must stay identical to NetGen.Activation, NetGen.Loss and NetGen.Init: attribute arguments
// arrive as those numbers, and a test checks the mirrors against the runtime.

/// <summary>Mirror of <c>NetGen.Activation</c>.</summary>
internal enum ActivationKind
{
    Identity,
    Sigmoid,
    Tanh,
    Relu,
    LeakyRelu,
    Elu,
    Selu,
    Softmax,
}

/// <summary>Mirror of <c>NetGen.Loss</c>.</summary>
internal enum LossKind
{
    Auto,
    MeanSquaredError,
    BinaryCrossEntropy,
    CategoricalCrossEntropy,
}

/// <summary>Mirror of <c>NetGen.Init</c>.</summary>
internal enum InitKind
{
    Auto,
    Normal,
    LeCun,
    Xavier,
    He,
}
