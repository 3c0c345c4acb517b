using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NetGen;

/// <summary>How well a network does on a dataset: the result of <see cref="NetworkTraining.Evaluate(INetwork, Dataset)"/>.</summary>
public sealed class Evaluation
{
    private readonly int[,]? _confusion;

    internal Evaluation(int count, double loss, double? accuracy, int[,]? confusionMatrix, IReadOnlyList<string>? classNames)
    {
        Count = count;
        Loss = loss;
        Accuracy = accuracy;
        _confusion = confusionMatrix;
        ClassNames = classNames;
    }

    /// <summary>The number of examples evaluated.</summary>
    public int Count { get; }

    /// <summary>The mean per-example loss of the network's training loss function (no L2 term).</summary>
    public double Loss { get; }

    /// <summary>The fraction of correct predictions for a classifier; null for regression.</summary>
    public double? Accuracy { get; }

    /// <summary>
    /// Counts of examples by actual class (row) and predicted class (column); null for regression and for independent
    /// multi-label outputs. A copy: changing it changes nothing here.
    /// </summary>
    public int[,]? ConfusionMatrix => (int[,]?)_confusion?.Clone();

    /// <summary>The class names labelling <see cref="ConfusionMatrix"/> (the dataset's, else "0", "1", ...); null when there is no matrix.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>The loss, the accuracy and, for a classifier, the confusion matrix with class names as an aligned text table.</summary>
    public string Format()
    {
        var sb = new StringBuilder();
        sb.Append("Examples: ").Append(Count.ToString(CultureInfo.InvariantCulture))
          .Append(", loss: ").Append(Loss.ToString("F4", CultureInfo.InvariantCulture));
        if (Accuracy is double accuracy) sb.Append(", accuracy: ").Append(accuracy.ToString("F4", CultureInfo.InvariantCulture));
        sb.AppendLine();
        if (_confusion is null || ClassNames is null) return sb.ToString();

        int n = ClassNames.Count;
        int labelWidth = Math.Max("actual \\ predicted".Length, ClassNames.Max(c => c.Length));
        var widths = new int[n];
        for (int j = 0; j < n; j++)
        {
            widths[j] = ClassNames[j].Length;
            for (int i = 0; i < n; i++) widths[j] = Math.Max(widths[j], _confusion[i, j].ToString(CultureInfo.InvariantCulture).Length);
        }

        sb.Append("actual \\ predicted".PadRight(labelWidth));
        for (int j = 0; j < n; j++) sb.Append("  ").Append(ClassNames[j].PadLeft(widths[j]));
        sb.AppendLine();
        for (int i = 0; i < n; i++)
        {
            sb.Append(ClassNames[i].PadRight(labelWidth));
            for (int j = 0; j < n; j++) sb.Append("  ").Append(_confusion[i, j].ToString(CultureInfo.InvariantCulture).PadLeft(widths[j]));
            sb.AppendLine();
        }

        return sb.ToString();
    }

    /// <inheritdoc cref="Format"/>
    public override string ToString() => Format();
}
