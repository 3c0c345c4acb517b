using System;

namespace NetGen.Samples.FashionMnist;

/// <summary>
/// A data set ready to train on: training, validation and test parts, standardised with statistics from the training part
/// only, and the network that fits it.
/// </summary>
internal sealed record SampleData(
    string Title,
    string FileStem,
    Dataset Train,
    Dataset Validation,
    Dataset Test,
    Standardizer Standardizer,
    TrainingDefaults Defaults,
    Func<int, INetwork> CreateNetwork);
