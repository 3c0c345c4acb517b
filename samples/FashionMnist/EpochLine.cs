using System.Globalization;

namespace NetGen.Samples.FashionMnist;

/// <summary>The one-line summary printed after every epoch, the same with or without a live progress bar.</summary>
internal static class EpochLine
{
    public static string Format(EpochResult r, int epochs, bool newBest)
    {
        var c = CultureInfo.InvariantCulture;
        string width = epochs.ToString(c).Length.ToString(c);
        string line = string.Format(c, "Epoch {0," + width + "}/{1}  train loss {2:F4} acc {3}  |  validation loss {4:F4} acc {5}  |  {6:F1} s",
            r.Epoch, epochs, r.TrainLoss, Accuracy(r.TrainAccuracy), r.ValidationLoss ?? double.NaN, Accuracy(r.ValidationAccuracy), r.Seconds);
        return newBest ? line + "  *" : line;
    }

    private static string Accuracy(double? a) => a is double v ? v.ToString("F4", CultureInfo.InvariantCulture) : "  -   ";
}
