using System;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Training;

/// <summary>An <see cref="IProgress{T}"/> that runs its handler at once on the reporting thread (unlike <see cref="Progress{T}"/>).</summary>
internal sealed class SyncProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}

internal static class Nets
{
    /// <summary>A Dense stack from (units, activation, dropout) triples; the loss as given.</summary>
    public static NetworkArchitecture Architecture(int inputs, Loss loss, params (int Units, Activation Activation, float Dropout)[] layers)
    {
        var infos = new LayerInfo[layers.Length];
        int fanIn = inputs, offset = 0;
        for (int l = 0; l < layers.Length; l++)
        {
            float alpha = layers[l].Activation switch { Activation.LeakyRelu => 0.01f, Activation.Elu => 1f, _ => 0f };
            infos[l] = new LayerInfo(fanIn, layers[l].Units, layers[l].Activation, alpha, layers[l].Dropout, offset);
            offset += infos[l].ParameterCount;
            fanIn = layers[l].Units;
        }

        return new NetworkArchitecture(inputs, loss, infos);
    }

    public static ReferenceNetworkAdapter Reference(int seed, int inputs, Loss loss, params (int, Activation, float)[] layers) =>
        new(Architecture(inputs, loss, layers), seed);

    /// <summary>A small classification set: <paramref name="count"/> examples of <paramref name="features"/> features, class = which of the first <paramref name="classes"/> features is largest.</summary>
    public static Dataset Blobs(int count, int features, int classes, int seed)
    {
        var random = new NetGenRandom((ulong)seed);
        var x = new float[count * features];
        var y = new float[count * classes];
        for (int i = 0; i < count; i++)
        {
            int best = 0;
            for (int f = 0; f < features; f++)
            {
                x[i * features + f] = (float)random.NextNormal();
                if (f < classes && x[i * features + f] > x[i * features + best]) best = f;
            }

            y[i * classes + best] = 1;
        }

        string[] names = new string[classes];
        for (int k = 0; k < classes; k++) names[k] = "class" + k;
        return new Dataset(x, features, y, classes, names);
    }
}
