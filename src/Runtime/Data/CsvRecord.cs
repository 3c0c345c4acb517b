namespace NetGen;

/// <summary>One CSV record: its fields and the line it starts on (1-based).</summary>
internal readonly struct CsvRecord
{
    public CsvRecord(string[] fields, int line)
    {
        Fields = fields;
        Line = line;
    }

    public string[] Fields { get; }

    public int Line { get; }
}
