namespace NetGen.Generator;

/// <summary>Names of the pipeline steps, so tests can check which ones re-ran after an edit.</summary>
internal static class TrackingNames
{
    public const string Parse = nameof(Parse);
    public const string Diagnostics = nameof(Diagnostics);
    public const string Model = nameof(Model);
    public const string DistinctModel = nameof(DistinctModel);
    public const string HintNameCollisions = nameof(HintNameCollisions);
    public const string WeightsRequests = nameof(WeightsRequests);
    public const string WeightsRead = nameof(WeightsRead);
    public const string WeightsBind = nameof(WeightsBind);
    public const string WeightsDiagnostics = nameof(WeightsDiagnostics);

    /// <summary>Diagnostics paired with the syntax trees they point into, just before reporting (holds trees by design).</summary>
    public const string LocateDiagnostics = nameof(LocateDiagnostics);
}
