using System;
using System.Collections.Generic;
using NetGen.TestNetworks;
using Xunit;

namespace NetGen.Tests.GeneratedCode;

/// <summary>The generated networks the tests run over, by name so test cases read well, and helpers to fill them.</summary>
public static class NetworkCatalog
{
    public static readonly IReadOnlyDictionary<string, Func<int, INetwork>> Factories = new Dictionary<string, Func<int, INetwork>>
    {
        ["IdentityHiddenMse"] = seed => new IdentityHiddenMse(seed),
        ["IdentityHiddenBce"] = seed => new IdentityHiddenBce(seed),
        ["IdentityHiddenCce"] = seed => new IdentityHiddenCce(seed),
        ["SigmoidHiddenMse"] = seed => new SigmoidHiddenMse(seed),
        ["SigmoidHiddenBce"] = seed => new SigmoidHiddenBce(seed),
        ["SigmoidHiddenCce"] = seed => new SigmoidHiddenCce(seed),
        ["TanhHiddenMse"] = seed => new TanhHiddenMse(seed),
        ["TanhHiddenBce"] = seed => new TanhHiddenBce(seed),
        ["TanhHiddenCce"] = seed => new TanhHiddenCce(seed),
        ["ReluHiddenMse"] = seed => new ReluHiddenMse(seed),
        ["ReluHiddenBce"] = seed => new ReluHiddenBce(seed),
        ["ReluHiddenCce"] = seed => new ReluHiddenCce(seed),
        ["LeakyReluHiddenMse"] = seed => new LeakyReluHiddenMse(seed),
        ["LeakyReluHiddenBce"] = seed => new LeakyReluHiddenBce(seed),
        ["LeakyReluHiddenCce"] = seed => new LeakyReluHiddenCce(seed),
        ["EluHiddenMse"] = seed => new EluHiddenMse(seed),
        ["EluHiddenBce"] = seed => new EluHiddenBce(seed),
        ["EluHiddenCce"] = seed => new EluHiddenCce(seed),
        ["SeluHiddenMse"] = seed => new SeluHiddenMse(seed),
        ["SeluHiddenBce"] = seed => new SeluHiddenBce(seed),
        ["SeluHiddenCce"] = seed => new SeluHiddenCce(seed),
        ["SoftsignHiddenMse"] = seed => new SoftsignHiddenMse(seed),
        ["SoftsignHiddenCce"] = seed => new SoftsignHiddenCce(seed),
        ["SoftsignOutputMse"] = seed => new SoftsignOutputMse(seed),
        ["SigmoidOutputMse"] = seed => new SigmoidOutputMse(seed),
        ["TanhOutputMse"] = seed => new TanhOutputMse(seed),
        ["ReluOutputMse"] = seed => new ReluOutputMse(seed),
        ["LeakyReluOutputMse"] = seed => new LeakyReluOutputMse(seed),
        ["EluOutputMse"] = seed => new EluOutputMse(seed),
        ["SeluOutputMse"] = seed => new SeluOutputMse(seed),
        ["SoftmaxOutputMse"] = seed => new SoftmaxOutputMse(seed),
        ["DefaultAlphas"] = seed => new DefaultAlphas(seed),
        ["Tiny"] = seed => new Tiny(seed),
        ["TinyHidden"] = seed => new TinyHidden(seed),
        ["SoftmaxExample"] = seed => new SoftmaxExample(seed),
        ["Control16"] = seed => new Control16(seed),
        ["DropoutClassifier"] = seed => new DropoutClassifier(seed),
        ["DropoutRegressor"] = seed => new DropoutRegressor(seed),
        ["GlobalNamespaceNetwork"] = seed => new global::GlobalNamespaceNetwork(seed),
        ["Container.NestedNetwork"] = seed => new Container.NestedNetwork(seed),
        ["InternalSealedNetwork"] = seed => new InternalSealedNetwork(seed),
        ["Mnist50"] = seed => new Mnist50(seed),
        ["Mnist128"] = seed => new Mnist128(seed),
        ["LogisticRegression"] = seed => new LogisticRegression(seed),
        ["WideNetwork"] = seed => new WideNetwork(seed),
        ["BatchedShapes"] = seed => new BatchedShapes(seed),
        ["ShortRows"] = seed => new ShortRows(seed),
        ["StreamedRows"] = seed => new StreamedRows(seed),
    };

    /// <summary>Networks small enough that every parameter can be checked by finite differences.</summary>
    public static readonly string[] Small = { "IdentityHiddenMse", "IdentityHiddenBce", "IdentityHiddenCce", "SigmoidHiddenMse", "SigmoidHiddenBce", "SigmoidHiddenCce", "TanhHiddenMse", "TanhHiddenBce", "TanhHiddenCce", "ReluHiddenMse", "ReluHiddenBce", "ReluHiddenCce", "LeakyReluHiddenMse", "LeakyReluHiddenBce", "LeakyReluHiddenCce", "EluHiddenMse", "EluHiddenBce", "EluHiddenCce", "SeluHiddenMse", "SeluHiddenBce", "SeluHiddenCce", "SoftsignHiddenMse", "SoftsignHiddenCce", "SoftsignOutputMse", "SigmoidOutputMse", "TanhOutputMse", "ReluOutputMse", "LeakyReluOutputMse", "EluOutputMse", "SeluOutputMse", "SoftmaxOutputMse", "DefaultAlphas", "Tiny", "TinyHidden", "SoftmaxExample", "Control16", "DropoutClassifier", "DropoutRegressor", "GlobalNamespaceNetwork", "Container.NestedNetwork", "InternalSealedNetwork", "ShortRows" };

    /// <summary>Wide networks: too many parameters to finite-difference them all.</summary>
    public static readonly string[] Large = { "Mnist50", "Mnist128", "LogisticRegression", "WideNetwork", "StreamedRows" };

    public static TheoryData<string> SmallNames => ToTheory(Small);

    public static TheoryData<string> AllNames => ToTheory(Concat(Small, Large));

    public static INetwork Create(string name, int seed = 0) => Factories[name](seed);

    /// <summary>
    /// Replaces the parameters with uniform draws scaled by 1/sqrt(fan-in) (variance 1/fan-in, so pre-activations stay
    /// of order 1 at any width) and non-zero biases, so bias paths and every unit's activation range are exercised.
    /// </summary>
    public static void Randomize(INetwork network, int seed)
    {
        var random = new Random(seed);
        Span<float> p = network.Parameters;
        foreach (LayerInfo layer in network.Architecture.Layers)
        {
            double scale = Math.Sqrt(3.0 / layer.Inputs);
            for (int i = 0; i < layer.WeightCount; i++) p[layer.ParameterOffset + i] = (float)((random.NextDouble() * 2 - 1) * scale);
            for (int i = 0; i < layer.Units; i++) p[layer.BiasOffset + i] = (float)(random.NextDouble() - 0.5);
        }
    }

    public static float[] RandomInput(int length, Random random)
    {
        var x = new float[length];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(random.NextDouble() * 2 - 1);
        return x;
    }

    /// <summary>A target the network's loss accepts: a probability vector for CCE, values in [0, 1] for BCE, any values for MSE.</summary>
    public static float[] RandomTarget(NetworkArchitecture architecture, Random random)
    {
        var y = new float[architecture.OutputSize];
        switch (architecture.Loss)
        {
            case Loss.CategoricalCrossEntropy:
                double sum = 0;
                for (int i = 0; i < y.Length; i++) sum += y[i] = (float)random.NextDouble();
                for (int i = 0; i < y.Length; i++) y[i] = (float)(y[i] / sum);
                break;
            case Loss.BinaryCrossEntropy:
                for (int i = 0; i < y.Length; i++) y[i] = (float)random.NextDouble();
                break;
            default:
                for (int i = 0; i < y.Length; i++) y[i] = (float)(random.NextDouble() * 2 - 1);
                break;
        }

        return y;
    }

    public static double[] ToDouble(ReadOnlySpan<float> values)
    {
        var d = new double[values.Length];
        for (int i = 0; i < d.Length; i++) d[i] = values[i];
        return d;
    }

    private static IEnumerable<string> Concat(string[] a, string[] b)
    {
        foreach (string s in a) yield return s;
        foreach (string s in b) yield return s;
    }

    private static TheoryData<string> ToTheory(IEnumerable<string> names)
    {
        var data = new TheoryData<string>();
        foreach (string name in names) data.Add(name);
        return data;
    }
}
