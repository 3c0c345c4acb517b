using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace NetGen;

public sealed partial class Dataset
{
    /// <summary>
    /// Loads a CSV file with a header row (RFC 4180: commas, fields in double quotes may hold commas, line breaks and
    /// doubled quotes). Every column but <paramref name="targetColumn"/> is a numeric feature, parsed in the invariant
    /// culture (a dot for decimals). Gzip files are read directly (recognised by content, so <c>.csv.gz</c> works).
    /// </summary>
    /// <remarks>
    /// Classification targets become one-hot vectors whose <see cref="ClassNames"/> are the distinct values in sorted
    /// order: numerically for integer labels (2 before 10), ordinally (culture-independent, by UTF-16 code unit) for
    /// text labels. A class therefore gets the same index whatever order the rows come in, so train and test files with
    /// the same labels agree. Blank lines are skipped.
    /// </remarks>
    /// <param name="path">The CSV file (UTF-8, with or without a byte-order mark), possibly gzip-compressed.</param>
    /// <param name="targetColumn">The header name of the target column (exact, case-sensitive).</param>
    /// <param name="targetKind">Whether the target is classes or a regression value; <see cref="TargetKind.Auto"/> decides from the values.</param>
    /// <exception cref="InvalidDataException">
    /// The file is empty, has no data rows, lacks the target column (the message lists the columns), has a row with the
    /// wrong number of fields, a feature that is not a finite number, or an empty target; the message names the file,
    /// line and column.
    /// </exception>
    public static Dataset FromCsv(string path, string targetColumn, TargetKind targetKind = TargetKind.Auto)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        if (targetColumn is null) throw new ArgumentNullException(nameof(targetColumn));

        ArraySegment<byte> bytes = DataFile.ReadAll(path, out _);
        string text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetString(bytes.Array!, bytes.Offset, bytes.Count);
        List<CsvRecord> records = CsvParser.Parse(text, path);
        if (records.Count == 0) throw new InvalidDataException($"{path}: line 1: the file is empty; expected a header row.");

        string[] header = records[0].Fields;
        int target = FindTargetColumn(path, header, targetColumn);
        if (header.Length < 2)
            throw new InvalidDataException($"{path}: line {records[0].Line}: the only column is the target '{targetColumn}'; there are no feature columns.");
        if (records.Count == 1) throw new InvalidDataException($"{path}: line {records[0].Line}: the file has a header but no data rows.");

        int count = records.Count - 1, featureCount = header.Length - 1;
        var features = new float[(long)count * featureCount];
        var targetText = new string[count];
        for (int r = 0; r < count; r++)
        {
            CsvRecord record = records[r + 1];
            if (record.Fields.Length != header.Length)
                throw new InvalidDataException($"{path}: line {record.Line}: {record.Fields.Length} fields, but the header has {header.Length} columns.");
            int f = r * featureCount;
            for (int c = 0; c < header.Length; c++)
            {
                string value = record.Fields[c];
                if (c == target)
                {
                    if (value.Trim().Length == 0)
                        throw new InvalidDataException($"{path}: line {record.Line}, column {c + 1} ('{header[c]}'): the target is empty.");
                    targetText[r] = value;
                    continue;
                }

                if (!FieldText.TryParseFinite(value, out features[f]))
                    throw new InvalidDataException($"{path}: line {record.Line}, column {c + 1} ('{header[c]}'): '{FieldText.Shorten(value)}' is not a finite number.");
                f++;
            }
        }

        if (targetKind == TargetKind.Regression || (targetKind == TargetKind.Auto && IsRegressionTarget(targetText)))
        {
            var values = new float[count];
            for (int r = 0; r < count; r++)
                if (!FieldText.TryParseFinite(targetText[r], out values[r]))
                    throw new InvalidDataException($"{path}: line {records[r + 1].Line}, column {target + 1} ('{header[target]}'): regression target '{FieldText.Shorten(targetText[r])}' is not a finite number.");
            return new Dataset(features, featureCount, values, 1);
        }

        return ClassifyTargets(features, featureCount, targetText);
    }

    private static int FindTargetColumn(string path, string[] header, string targetColumn)
    {
        int found = -1;
        for (int c = 0; c < header.Length; c++)
        {
            if (header[c] != targetColumn) continue;
            if (found >= 0)
                throw new InvalidDataException($"{path}: line 1: the target column '{targetColumn}' appears twice (columns {found + 1} and {c + 1}).");
            found = c;
        }

        if (found < 0)
            throw new InvalidDataException($"{path}: line 1: no column named '{targetColumn}'; the columns are {string.Join(", ", header.Select(h => $"'{h}'"))}.");
        return found;
    }

    /// <summary>Auto mode: regression when every value is a number and at least one is not an integer.</summary>
    private static bool IsRegressionTarget(string[] values)
    {
        bool allIntegers = true;
        foreach (string v in values)
        {
            if (!FieldText.TryParseFinite(v, out _)) return false;
            if (allIntegers && !int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)) allIntegers = false;
        }

        return !allIntegers;
    }

    private static Dataset ClassifyTargets(float[] features, int featureCount, string[] labels)
    {
        bool integers = labels.All(v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));
        string[] names;
        if (integers)
        {
            // Canonical text, so "07" and "7" are one class, ordered by value.
            for (int r = 0; r < labels.Length; r++)
                labels[r] = int.Parse(labels[r], NumberStyles.Integer, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            names = labels.Distinct().OrderBy(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        }
        else
        {
            names = labels.Distinct(StringComparer.Ordinal).OrderBy(v => v, StringComparer.Ordinal).ToArray();
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < names.Length; k++) index.Add(names[k], k);
        var targets = new float[(long)labels.Length * names.Length];
        for (int r = 0; r < labels.Length; r++) targets[(long)r * names.Length + index[labels[r]]] = 1f;
        return new Dataset(features, featureCount, targets, names.Length, names);
    }
}
