using System.Collections.Generic;
using NetGen.Playground;

namespace NetGen.Playground.App;

/// <summary>Where the network diagram puts its nodes: a column of input features, one column per hidden layer, the output at the right.</summary>
public sealed class NetworkLayout
{
    /// <summary>A node's square side in pixels (the original uses 30).</summary>
    public const int NodeSize = 36;

    /// <summary>Vertical distance between node tops.</summary>
    public const int NodePitch = NodeSize + 20;

    /// <summary>Space above the first node for the layer's +/- buttons.</summary>
    public const int Top = 44;

    /// <summary>Lays out <paramref name="featureCount"/> feature nodes and the given hidden layers in <paramref name="width"/> pixels.</summary>
    public NetworkLayout(int featureCount, IReadOnlyList<int> hiddenLayers, int width)
    {
        int columns = hiddenLayers.Count + 2;
        FeatureX = 60;
        OutputX = width - NodeSize - 4;
        LayerX = new int[hiddenLayers.Count];
        for (int l = 0; l < hiddenLayers.Count; l++) LayerX[l] = FeatureX + (OutputX - FeatureX) * (l + 1) / (columns - 1);
        int tallest = featureCount;
        foreach (int units in hiddenLayers) if (units > tallest) tallest = units;
        Height = Top + tallest * NodePitch;
    }

    /// <summary>Left edge of the feature column.</summary>
    public int FeatureX { get; }

    /// <summary>Left edge of each hidden layer's column.</summary>
    public int[] LayerX { get; }

    /// <summary>Left edge of the output node.</summary>
    public int OutputX { get; }

    /// <summary>The diagram's height in pixels.</summary>
    public int Height { get; }

    /// <summary>Top edge of node <paramref name="index"/> in any column.</summary>
    public static int NodeY(int index) => Top + index * NodePitch;

    /// <summary>Top edge of the output node (level with the first node).</summary>
    public static int OutputY => Top;
}
