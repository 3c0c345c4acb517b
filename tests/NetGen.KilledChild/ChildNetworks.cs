using NetGen;

/// <summary>The networks the child's modes save; the tests get their reference bytes only through this process.</summary>
internal static class ChildNetworks
{
    /// <summary>About 300,000 parameters (1.2 MB on disk), so a save takes long enough for kills to land inside it.</summary>
    public static DynamicNetwork Saved(int seed) =>
        DynamicNetwork.Builder(64).Dense(512, Activation.Relu).Dense(512, Activation.Relu).Dense(10, Activation.Softmax).Build(seed);
}
