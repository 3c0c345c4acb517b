using System;
using System.Collections.Generic;

namespace NetGen.Playground;

/// <summary>
/// Every node's value over a square grid of points spanning [-6, 6] on both axes: the input features, each hidden
/// neuron and the output. Row 0 is the top (X2 = 6), as the Playground's heat maps are drawn.
/// </summary>
public sealed class DecisionGrid
{
    private readonly IReadOnlyList<Feature> _features;
    private readonly NetworkArchitecture _architecture;
    private readonly float[] _inputs;
    private readonly LayerOutputs _outputs;
    private readonly float[][] _featureMaps;
    private readonly float[][][] _neuronMaps;

    /// <summary>Prepares a <paramref name="density"/> x <paramref name="density"/> grid for this network shape.</summary>
    public DecisionGrid(IReadOnlyList<Feature> features, NetworkArchitecture architecture, int density)
    {
        if (density < 2) throw new ArgumentOutOfRangeException(nameof(density), density, "A grid needs at least 2 points a side.");
        _features = features ?? throw new ArgumentNullException(nameof(features));
        _architecture = architecture ?? throw new ArgumentNullException(nameof(architecture));
        if (features.Count != architecture.InputSize)
            throw new ArgumentException($"{features.Count} features for a network of {architecture.InputSize} inputs.", nameof(features));
        Density = density;
        int cells = density * density;
        _inputs = new float[cells * features.Count];
        _featureMaps = new float[features.Count][];
        for (int row = 0; row < density; row++)
        for (int column = 0; column < density; column++)
            Features.Compute(features, Coordinate(column), Coordinate(density - 1 - row), _inputs.AsSpan((row * density + column) * features.Count, features.Count));
        for (int f = 0; f < features.Count; f++)
        {
            _featureMaps[f] = new float[cells];
            for (int c = 0; c < cells; c++) _featureMaps[f][c] = _inputs[c * features.Count + f];
        }

        _outputs = new LayerOutputs(architecture, cells);
        _neuronMaps = new float[architecture.Layers.Count][][];
        for (int l = 0; l < _neuronMaps.Length; l++)
        {
            _neuronMaps[l] = new float[architecture.Layers[l].Units][];
            for (int u = 0; u < _neuronMaps[l].Length; u++) _neuronMaps[l][u] = new float[cells];
        }
    }

    /// <summary>Points per side.</summary>
    public int Density { get; }

    /// <summary>The coordinate of grid column (or, counted from the bottom, row) <paramref name="index"/>.</summary>
    public double Coordinate(int index) => Coordinate(index, Density);

    /// <summary>The coordinate of column <paramref name="index"/> of a grid with <paramref name="density"/> points a side.</summary>
    public static double Coordinate(int index, int density) => -DataGenerators.Extent + 2 * DataGenerators.Extent * index / (density - 1);

    /// <summary>Feature <paramref name="feature"/>'s values, row-major from the top-left corner.</summary>
    public ReadOnlySpan<float> FeatureMap(int feature) => _featureMaps[feature];

    /// <summary>Neuron <paramref name="unit"/> of layer <paramref name="layer"/> after the last <see cref="Update"/>; the last layer is the output.</summary>
    public ReadOnlySpan<float> NeuronMap(int layer, int unit) => _neuronMaps[layer][unit];

    /// <summary>The output after the last <see cref="Update"/>.</summary>
    public ReadOnlySpan<float> OutputMap => _neuronMaps[_neuronMaps.Length - 1][0];

    /// <summary>Recomputes every neuron's map from <paramref name="network"/>'s current parameters.</summary>
    public void Update(INetwork network)
    {
        if (network is null) throw new ArgumentNullException(nameof(network));
        if (!network.Architecture.Equals(_architecture)) throw new ArgumentException("The network's architecture is not the grid's.", nameof(network));
        int cells = Density * Density;
        _outputs.Compute(network.Parameters, _inputs, cells);
        for (int l = 0; l < _neuronMaps.Length; l++)
        {
            ReadOnlySpan<float> values = _outputs.Layer(l);
            int units = _neuronMaps[l].Length;
            for (int u = 0; u < units; u++)
            {
                float[] map = _neuronMaps[l][u];
                for (int c = 0; c < cells; c++) map[c] = values[c * units + u];
            }
        }
    }
}
