using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace NetGen.Benchmarks.Training;

/// <summary>Examples per second of a benchmark whose one operation is one epoch: examples / median epoch time.</summary>
public sealed class ExamplesPerSecondColumn : IColumn
{
    private readonly int _examples;

    public ExamplesPerSecondColumn(int examples) => _examples = examples;

    public string Id => nameof(ExamplesPerSecondColumn);
    public string ColumnName => "Examples/s (median)";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => $"{_examples:N0} examples divided by the median epoch time";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        BenchmarkReport? report = summary.Reports.FirstOrDefault(r => r.BenchmarkCase == benchmarkCase);
        if (report?.ResultStatistics is not { } statistics) return "NA";
        double seconds = statistics.Median / 1e9;
        return (_examples / seconds).ToString("N0");
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
}
