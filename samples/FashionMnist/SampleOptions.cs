namespace NetGen.Samples.FashionMnist;

/// <summary>Which data set to train on.</summary>
internal enum DataChoice
{
    /// <summary>Fashion-MNIST when its files are found, else the bundled digits.</summary>
    Auto,

    /// <summary>Fashion-MNIST, or an error when its files are missing.</summary>
    Fashion,

    /// <summary>The bundled 8x8 digits.</summary>
    Digits,
}

/// <summary>The command line, parsed. Null hyperparameters take the chosen data set's defaults (<see cref="TrainingDefaults"/>).</summary>
internal sealed record SampleOptions
{
    public const string DefaultFashionDirectory = "/usr/share/datasets/fashion-mnist";

    public int? Epochs { get; init; }
    public int? BatchSize { get; init; }
    public float? LearningRate { get; init; }
    public int? Patience { get; init; }
    public int Threads { get; init; }
    public int Seed { get; init; } = 1;
    public string OutputDirectory { get; init; } = "out";
    public string DataDirectory { get; init; } = DefaultFashionDirectory;
    public DataChoice Data { get; init; } = DataChoice.Auto;
    public bool Help { get; init; }
}
