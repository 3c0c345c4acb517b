using System.Globalization;
using Spectre.Console;

namespace NetGen.Samples.FashionMnist;

/// <summary>
/// The test set's confusion matrix as a table: one row per actual class with its name, one column per predicted class
/// (numbered, so ten long names still fit 80 columns), correct predictions highlighted, and each class's recall.
/// </summary>
internal static class ConfusionMatrixTable
{
    public static Table Create(Evaluation evaluation)
    {
        int[,] matrix = evaluation.ConfusionMatrix!;
        var names = evaluation.ClassNames!;
        int n = names.Count;
        var table = new Table().Border(TableBorder.Simple).Title("Confusion matrix (rows: actual class, columns: predicted class)");
        table.AddColumn("actual");
        for (int j = 0; j < n; j++) table.AddColumn(new TableColumn(j.ToString(CultureInfo.InvariantCulture)).RightAligned());
        table.AddColumn(new TableColumn("recall").RightAligned());

        for (int i = 0; i < n; i++)
        {
            var cells = new string[n + 2];
            cells[0] = Markup.Escape($"{i} {names[i]}");
            int total = 0;
            for (int j = 0; j < n; j++)
            {
                int count = matrix[i, j];
                total += count;
                string text = count.ToString(CultureInfo.InvariantCulture);
                cells[j + 1] = i == j ? $"[bold green]{text}[/]" : count == 0 ? $"[grey]{text}[/]" : text;
            }

            cells[n + 1] = total == 0 ? "-" : ((double)matrix[i, i] / total).ToString("F3", CultureInfo.InvariantCulture);
            table.AddRow(cells);
        }

        return table;
    }
}
