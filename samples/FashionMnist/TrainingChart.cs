using System.Linq;
using ScottPlot;

namespace NetGen.Samples.FashionMnist;

/// <summary>Draws loss and accuracy per epoch, training beside validation, as a PNG.</summary>
internal static class TrainingChart
{
    public static void Save(TrainingHistory history, string title, string path)
    {
        double[] epochs = history.Select(r => (double)r.Epoch).ToArray();
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();

        Plot loss = multiplot.GetPlot(0);
        AddSeries(loss, epochs, history.Select(r => r.TrainLoss).ToArray(), history.Select(r => r.ValidationLoss ?? double.NaN).ToArray());
        Style(loss, $"{title}: loss", "loss (cross-entropy)", history, Alignment.UpperRight);

        Plot accuracy = multiplot.GetPlot(1);
        AddSeries(accuracy, epochs, history.Select(r => r.TrainAccuracy ?? double.NaN).ToArray(),
            history.Select(r => r.ValidationAccuracy ?? double.NaN).ToArray());
        Style(accuracy, $"{title}: accuracy", "accuracy", history, Alignment.LowerRight);

        multiplot.SavePng(path, 1400, 560);
    }

    private static void AddSeries(Plot plot, double[] epochs, double[] train, double[] validation)
    {
        var t = plot.Add.Scatter(epochs, train);
        t.LegendText = "training";
        t.LineWidth = 2.5f;
        t.MarkerSize = 7;
        t.Color = Colors.SteelBlue;
        var v = plot.Add.Scatter(epochs, validation);
        v.LegendText = "validation";
        v.LineWidth = 2.5f;
        v.MarkerSize = 7;
        v.Color = Colors.OrangeRed;
    }

    private static void Style(Plot plot, string title, string yLabel, TrainingHistory history, Alignment legend)
    {
        if (history.BestEpoch is int best)
        {
            var line = plot.Add.VerticalLine(best);
            line.LinePattern = LinePattern.Dashed;
            line.Color = Colors.Gray;
            line.LegendText = $"best epoch ({best})";
        }

        plot.Title(title, size: 18);
        plot.XLabel("epoch", size: 15);
        plot.YLabel(yLabel, size: 15);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        plot.Legend.FontSize = 14;
        plot.ShowLegend(legend);
    }
}
