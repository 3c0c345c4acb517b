using System.Collections.Generic;
using System.IO;
using System.Text;

namespace NetGen;

/// <summary>
/// Splits RFC 4180 text into records: comma-separated fields, fields in double quotes may hold commas, line breaks and
/// doubled quotes (<c>""</c> for <c>"</c>); lines end with CRLF, LF or CR. Strict where the RFC is: a quote inside an
/// unquoted field, text after a closing quote and an unterminated quoted field are errors with line and column. Blank
/// lines are skipped.
/// </summary>
internal static class CsvParser
{
    public static List<CsvRecord> Parse(string text, string path)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int i = 0, line = 1, lineStart = 0;
        // A byte-order mark is an encoding artefact, not part of the first column's name.
        if (text.Length > 0 && text[0] == '\uFEFF') i = lineStart = 1;

        while (i < text.Length)
        {
            int recordLine = line;
            bool blank = true;
            fields.Clear();
            while (true)
            {
                field.Clear();
                if (i < text.Length && text[i] == '"')
                {
                    blank = false;
                    int quoteLine = line, quoteColumn = i - lineStart + 1;
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                            throw new InvalidDataException($"{path}: line {quoteLine}, column {quoteColumn}: the quoted field starting here is never closed.");
                        char c = text[i];
                        if (c == '"')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '"')
                            {
                                field.Append('"');
                                i += 2;
                                continue;
                            }

                            i++;
                            break;
                        }

                        if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
                        {
                            line++;
                            lineStart = i + 1;
                        }

                        field.Append(c);
                        i++;
                    }

                    if (i < text.Length && text[i] != ',' && text[i] != '\r' && text[i] != '\n')
                        throw new InvalidDataException($"{path}: line {line}, column {i - lineStart + 1}: unexpected '{text[i]}' after a closing quote; expected a comma or the end of the line.");
                }
                else
                {
                    while (i < text.Length && text[i] != ',' && text[i] != '\r' && text[i] != '\n')
                    {
                        if (text[i] == '"')
                            throw new InvalidDataException($"{path}: line {line}, column {i - lineStart + 1}: a quote inside an unquoted field; quote the whole field and double the quote (\"\").");
                        field.Append(text[i]);
                        i++;
                    }
                }

                fields.Add(field.ToString());
                if (i < text.Length && text[i] == ',')
                {
                    blank = false;
                    i++;
                    continue;
                }

                if (i < text.Length)
                {
                    i += text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    line++;
                    lineStart = i;
                }

                break;
            }

            if (!(blank && fields.Count == 1 && fields[0].Length == 0)) records.Add(new CsvRecord(fields.ToArray(), recordLine));
        }

        return records;
    }
}
