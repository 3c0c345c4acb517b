using System;
using System.Linq;
using NetGen.Playground;
using ScottPlot;

namespace NetGen.Playground.Cli;

/// <summary>One PNG of a run: the decision boundary with the training (white edge) and test (black edge) points beside the loss curves.</summary>
internal static class PlaygroundPicture
{
    private const int Density = 100; // as the browser's heat map

    public static void Save(PlaygroundSession session, string title, string path)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        DrawBoundary(multiplot.GetPlot(0), session, title);
        DrawLosses(multiplot.GetPlot(1), session);
        multiplot.SavePng(path, 1200, 560);
    }

    private static void DrawBoundary(Plot plot, PlaygroundSession session, string title)
    {
        var grid = new DecisionGrid(session.Settings.Features, session.Architecture, Density);
        grid.Update(session.Network);
        var intensities = new double[Density, Density];
        for (int row = 0; row < Density; row++)
        for (int column = 0; column < Density; column++)
            intensities[row, column] = grid.OutputMap[row * Density + column];
        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = new PlaygroundColormap();
        heatmap.ManualRange = new ScottPlot.Range(-1, 1);
        heatmap.Extent = new CoordinateRect(-DataGenerators.Extent, DataGenerators.Extent, -DataGenerators.Extent, DataGenerators.Extent);
        AddPoints(plot, session.TrainPoints, Colors.White);
        AddPoints(plot, session.TestPoints, Colors.Black);
        plot.Axes.SetLimits(-DataGenerators.Extent, DataGenerators.Extent, -DataGenerators.Extent, DataGenerators.Extent);
        plot.Title(title, size: 16);
        plot.XLabel("X\u2081");
        plot.YLabel("X\u2082");
    }

    // One marker group per label level (a tenth of the range), so regression points show their value like the browser's.
    private static void AddPoints(Plot plot, Example2D[] points, Color edge)
    {
        foreach (var level in points.GroupBy(p => (int)Math.Round(p.Label * 5)))
        {
            double[] xs = level.Select(p => p.X).ToArray(), ys = level.Select(p => p.Y).ToArray();
            plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 7, edge);
            plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 5, ToColor(PlaygroundColors.Of(level.Key / 5.0)));
        }
    }

    private static void DrawLosses(Plot plot, PlaygroundSession session)
    {
        double[] epochs = session.History.Select(p => (double)p.Epoch).ToArray();
        var train = plot.Add.Scatter(epochs, session.History.Select(p => p.Train).ToArray());
        train.LegendText = "training";
        train.Color = Colors.Gray;
        train.MarkerSize = 0;
        train.LineWidth = 2;
        var test = plot.Add.Scatter(epochs, session.History.Select(p => p.Test).ToArray());
        test.LegendText = "test";
        test.Color = Colors.Black;
        test.MarkerSize = 0;
        test.LineWidth = 2;
        plot.Title($"loss: training {session.Latest.Train:0.000}, test {session.Latest.Test:0.000}", size: 16);
        plot.XLabel("epoch");
        plot.YLabel("loss (half squared error)");
        plot.ShowLegend(Alignment.UpperRight);
    }

    internal static Color ToColor((byte R, byte G, byte B) rgb) => new(rgb.R, rgb.G, rgb.B);

    /// <summary>The Playground's orange-grey-blue scale in its 31 shades, for ScottPlot's heat map (intensity 0 is -1, 1 is +1).</summary>
    private sealed class PlaygroundColormap : IColormap
    {
        public string Name => "NetGen Playground";

        public Color GetColor(double normalizedIntensity) => ToColor(PlaygroundColors.Shade(2 * normalizedIntensity - 1, discretize: false));
    }
}
