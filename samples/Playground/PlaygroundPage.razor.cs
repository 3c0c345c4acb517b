using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using NetGen.Playground;

namespace NetGen.Playground.App;

/// <summary>The Playground page: owns the settings, the training session and the drawing.</summary>
public partial class PlaygroundPage : ComponentBase
{
    private const int Density = 100;          // main heat map, as the original
    private const int ThumbnailFactor = 5;    // neuron thumbnails average 5x5 cells: 20x20
    private const int ThumbnailDensity = Density / ThumbnailFactor;
    private const int NetworkWidth = 520;
    private const double FrameBudgetMs = 30;  // train this long, then let the browser paint

    private static readonly float[] LearningRates = { 0.00001f, 0.0001f, 0.001f, 0.003f, 0.01f, 0.03f, 0.1f, 0.3f, 1f, 3f, 10f };
    private static readonly float[] RegularizationRates = { 0f, 0.001f, 0.003f, 0.01f, 0.03f, 0.1f, 0.3f, 1f, 3f, 10f };

    private readonly PlaygroundSettings _settings = new();
    private PlaygroundSession _session = null!;
    private DecisionGrid _grid = null!;
    private NetworkLayout _layout = null!;
    private bool _playing, _showTest, _discretize, _pointsDirty, _datasetsDirty = true;
    private int _chartSent;
    private (int Layer, int Unit)? _selected;
    private string? _hover, _declaration, _status;
    private double _epochsPerSecond;

    [Inject]
    private IJSRuntime JS { get; set; } = null!;

    private IJSInProcessRuntime Js => (IJSInProcessRuntime)JS;

    // Every feature over the main grid, for the feature thumbnails: they never change.
    private static readonly float[][] FeatureMaps = ComputeFeatureMaps();

    private readonly record struct Link(double X1, double Y1, double X2, double Y2, double Weight, string Description);

    /// <inheritdoc />
    protected override void OnInitialized() => Rebuild();

    /// <inheritdoc />
    protected override void OnAfterRender(bool firstRender)
    {
        if (_datasetsDirty)
        {
            foreach (DatasetKind kind in DatasetsFor(_settings.Problem))
                Js.InvokeVoid("netgenPlayground.drawThumbnails", new[] { $"dataset-{kind}" }, Thumbnails.DatasetPreview(kind, 50), 50);
            _datasetsDirty = false;
        }

        if (_pointsDirty)
        {
            Js.InvokeVoid("netgenPlayground.setPoints", "heatmap", Flatten(_session.TrainPoints), _showTest ? Flatten(_session.TestPoints) : Array.Empty<float>());
            _pointsDirty = false;
        }

        Draw();
    }

    private void Rebuild()
    {
        _playing = false;
        try
        {
            _session = new PlaygroundSession(_settings);
            _status = null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            _status = e.Message;
            return;
        }

        _grid = new DecisionGrid(_session.Settings.Features, _session.Architecture, Density);
        _layout = new NetworkLayout(Features.All.Count, _settings.HiddenLayers, NetworkWidth);
        _selected = null;
        _declaration = null;
        _chartSent = -1; // the chart restarts
        _pointsDirty = true;
    }

    private void Draw()
    {
        _grid.Update(_session.Network);
        ReadOnlySpan<float> main = _selected is { } s
            ? (s.Layer < 0 ? _grid.FeatureMap(_settings.Features.IndexOf(Features.All[s.Unit])) : _grid.NeuronMap(s.Layer, s.Unit))
            : _grid.OutputMap;
        var heat = new byte[Density * Density * 4];
        PlaygroundColors.Fill(main, heat, _discretize);
        Js.InvokeVoid("netgenPlayground.drawHeatmap", "heatmap", heat, Density);

        var ids = new List<string>();
        var images = new List<float[]>();
        for (int f = 0; f < Features.All.Count; f++)
        {
            ids.Add($"node-f{f}");
            images.Add(FeatureMaps[f]);
        }

        for (int l = 0; l < _session.Settings.HiddenLayers.Count; l++)
        for (int u = 0; u < _session.Settings.HiddenLayers[l]; u++)
        {
            ids.Add($"node-{l}-{u}");
            images.Add(_grid.NeuronMap(l, u).ToArray());
        }

        int size = ThumbnailDensity * ThumbnailDensity * 4;
        var thumbnails = new byte[ids.Count * size];
        for (int i = 0; i < ids.Count; i++)
            Thumbnails.Downsample(images[i], Density, ThumbnailFactor, _discretize, thumbnails.AsSpan(i * size, size));
        Js.InvokeVoid("netgenPlayground.drawThumbnails", ids.ToArray(), thumbnails, ThumbnailDensity);

        if (_chartSent < 0)
        {
            Js.InvokeVoid("netgenPlayground.resetChart", "linechart");
            _chartSent = 0;
        }

        IReadOnlyList<LossPoint> history = _session.History;
        if (_chartSent < history.Count)
        {
            int count = history.Count - _chartSent;
            var train = new double[count];
            var test = new double[count];
            for (int i = 0; i < count; i++) { train[i] = history[_chartSent + i].Train; test[i] = history[_chartSent + i].Test; }
            Js.InvokeVoid("netgenPlayground.appendLosses", "linechart", train, test);
            _chartSent = history.Count;
        }
    }

    private async Task TogglePlay()
    {
        if (_playing) { _playing = false; return; }
        _playing = true;
        var clock = Stopwatch.StartNew();
        int startEpoch = _session.Epoch;
        PlaygroundSession session = _session;
        while (_playing && ReferenceEquals(session, _session))
        {
            var frame = Stopwatch.StartNew();
            try
            {
                do session.Train(1);
                while (frame.Elapsed.TotalMilliseconds < FrameBudgetMs);
            }
            catch (TrainingDivergedException e)
            {
                _playing = false;
                _status = "Training diverged (" + e.Message + "). Lower the learning rate and reset.";
            }

            _epochsPerSecond = (session.Epoch - startEpoch) / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
            StateHasChanged();
            await Task.Delay(1); // WebAssembly is single-threaded: give the browser a turn to paint and take clicks
        }
    }

    private void Step()
    {
        _playing = false;
        try { _session.Train(1); }
        catch (TrainingDivergedException e) { _status = "Training diverged (" + e.Message + ")."; }
    }

    private void Reset()
    {
        _settings.NetworkSeed++;
        Rebuild();
    }

    private void Regenerate()
    {
        _settings.DataSeed++;
        Rebuild();
    }

    private void OnLearningRate(ChangeEventArgs e)
    {
        _settings.LearningRate = float.Parse((string)e.Value!, CultureInfo.InvariantCulture);
        _session.LearningRate = _settings.LearningRate;
    }

    private void OnRegularizationRate(ChangeEventArgs e)
    {
        _settings.RegularizationRate = float.Parse((string)e.Value!, CultureInfo.InvariantCulture);
        _session.RegularizationRate = _settings.RegularizationRate;
    }

    private void OnActivation(ChangeEventArgs e) { _settings.Activation = Enum.Parse<HiddenActivation>((string)e.Value!); Rebuild(); }

    private void OnRegularization(ChangeEventArgs e) { _settings.Regularization = Enum.Parse<Regularization>((string)e.Value!); Rebuild(); }

    private void OnProblem(ChangeEventArgs e)
    {
        _settings.Problem = Enum.Parse<ProblemKind>((string)e.Value!);
        _datasetsDirty = true;
        Rebuild();
    }

    private void OnDataset(DatasetKind kind)
    {
        if (_settings.Problem == ProblemKind.Regression) _settings.RegressionDataset = kind;
        else _settings.Dataset = kind;
        Rebuild();
    }

    private void OnTrainPercent(ChangeEventArgs e) { _settings.TrainPercent = int.Parse((string)e.Value!, CultureInfo.InvariantCulture); Rebuild(); }

    private void OnNoise(ChangeEventArgs e) { _settings.NoisePercent = int.Parse((string)e.Value!, CultureInfo.InvariantCulture); Rebuild(); }

    private void OnBatchSize(ChangeEventArgs e) { _settings.BatchSize = int.Parse((string)e.Value!, CultureInfo.InvariantCulture); Rebuild(); }

    private void OnShowTest(ChangeEventArgs e) { _showTest = e.Value is true; _pointsDirty = true; }

    private void OnDiscretize(ChangeEventArgs e) => _discretize = e.Value is true;

    private void ToggleFeature(Feature feature)
    {
        if (_settings.Features.Contains(feature))
        {
            if (_settings.Features.Count == 1) { _status = "Keep at least one input feature."; return; }
            _settings.Features.Remove(feature);
        }
        else
        {
            _settings.Features.Add(feature);
            _settings.Features.Sort(); // the network's inputs follow the page's order
        }

        Rebuild();
    }

    private void AddLayer() { if (_settings.HiddenLayers.Count < PlaygroundSettings.MaxHiddenLayers) { _settings.HiddenLayers.Add(2); Rebuild(); } }

    private void RemoveLayer() { if (_settings.HiddenLayers.Count > 0) { _settings.HiddenLayers.RemoveAt(_settings.HiddenLayers.Count - 1); Rebuild(); } }

    private void AddNeuron(int layer) { if (_settings.HiddenLayers[layer] < PlaygroundSettings.MaxNeurons) { _settings.HiddenLayers[layer]++; Rebuild(); } }

    private void RemoveNeuron(int layer) { if (_settings.HiddenLayers[layer] > 1) { _settings.HiddenLayers[layer]--; Rebuild(); } }

    private void Hover(string text) => _hover = text;

    private void ClearHover()
    {
        _hover = null;
        _selected = null;
    }

    private void HoverNode(int layer, int unit)
    {
        if (layer < 0)
        {
            Feature feature = Features.All[unit];
            _hover = Features.Label(feature) + (_settings.Features.Contains(feature) ? " (click to remove)" : " (click to add)");
            if (_session.Settings.Features.Contains(feature)) _selected = (-1, unit);
            return;
        }

        _selected = (layer, unit);
        bool output = layer == _session.Architecture.Layers.Count - 1;
        _hover = (output ? "Output" : $"Layer {layer + 1}, neuron {unit + 1}") + $": bias {Format(Bias(layer, unit))}";
    }

    private async Task DownloadWeights()
    {
        string path = Path.Combine(Path.GetTempPath(), "playground.safetensors");
        _session.Network.Save(path); // the browser's in-memory file system
        byte[] bytes = await File.ReadAllBytesAsync(path);
        File.Delete(path);
        Js.InvokeVoid("netgenPlayground.downloadBytes", "playground.safetensors", bytes);
        _status = $"Saved {bytes.Length:N0} bytes: load them with new PlaygroundNet().Load(\"playground.safetensors\").";
    }

    private async Task CopyDeclaration()
    {
        _declaration = _session.Declaration("PlaygroundNet");
        bool copied = await JS.InvokeAsync<bool>("netgenPlayground.copyText", _declaration);
        _status = copied ? "Declaration copied to the clipboard." : "Select the declaration below and copy it.";
    }

    private IEnumerable<Link> Links()
    {
        NetworkArchitecture architecture = _session.Architecture;
        ReadOnlySpan<float> parameters = _session.Network.Parameters;
        var links = new List<Link>();
        int half = NetworkLayout.NodeSize / 2;
        for (int l = 0; l < architecture.Layers.Count; l++)
        {
            LayerInfo layer = architecture.Layers[l];
            bool output = l == architecture.Layers.Count - 1;
            for (int u = 0; u < layer.Units; u++)
            for (int k = 0; k < layer.Inputs; k++)
            {
                double x1, y1;
                if (l == 0)
                {
                    int row = (int)_session.Settings.Features[k];
                    (x1, y1) = (_layout.FeatureX + NetworkLayout.NodeSize, NetworkLayout.NodeY(row) + half);
                }
                else (x1, y1) = (_layout.LayerX[l - 1] + NetworkLayout.NodeSize, NetworkLayout.NodeY(k) + half);
                (double x2, double y2) = output ? (_layout.OutputX, NetworkLayout.OutputY + half) : (_layout.LayerX[l], NetworkLayout.NodeY(u) + half);
                float weight = parameters[layer.ParameterOffset + u * layer.Inputs + k];
                string from = l == 0 ? Features.Label(_session.Settings.Features[k]) : $"layer {l} neuron {k + 1}";
                string to = output ? "output" : $"layer {l + 1} neuron {u + 1}";
                links.Add(new Link(x1, y1, x2, y2, weight, $"Weight {Format(weight)} ({from} \u2192 {to})"));
            }
        }

        return links;
    }

    private double Bias(int layer, int unit)
    {
        if (layer >= _session.Architecture.Layers.Count) return 0;
        LayerInfo info = _session.Architecture.Layers[layer];
        return unit < info.Units ? _session.Network.Parameters[info.BiasOffset + unit] : 0;
    }

    // The original's link width: |weight| 0..5 maps to 1..10 pixels, clamped.
    private static double LinkWidth(double weight) => 1 + 9 * Math.Min(1, Math.Abs(weight) / 5);

    private static IEnumerable<DatasetKind> DatasetsFor(ProblemKind problem) => problem == ProblemKind.Regression
        ? new[] { DatasetKind.Plane, DatasetKind.MultiGaussian }
        : new[] { DatasetKind.Circle, DatasetKind.Xor, DatasetKind.Gaussian, DatasetKind.Spiral };

    private static string ActivationName(HiddenActivation activation) => activation == HiddenActivation.Relu ? "ReLU" : activation.ToString();

    private static string Format(double value) => value.ToString("0.#####", CultureInfo.InvariantCulture);

    private static string FormatLoss(double value) => double.IsNaN(value) ? "-" : value.ToString("0.000", CultureInfo.InvariantCulture);

    private static float[][] ComputeFeatureMaps()
    {
        var maps = new float[Features.All.Count][];
        for (int f = 0; f < maps.Length; f++)
        {
            maps[f] = new float[Density * Density];
            for (int row = 0; row < Density; row++)
            for (int column = 0; column < Density; column++)
                maps[f][row * Density + column] = (float)Features.Value(Features.All[f], DecisionGrid.Coordinate(column, Density), DecisionGrid.Coordinate(Density - 1 - row, Density));
        }

        return maps;
    }

    private static float[] Flatten(Example2D[] points)
    {
        var flat = new float[points.Length * 3];
        for (int i = 0; i < points.Length; i++)
        {
            flat[3 * i] = (float)points[i].X;
            flat[3 * i + 1] = (float)points[i].Y;
            flat[3 * i + 2] = (float)points[i].Label;
        }

        return flat;
    }
}
