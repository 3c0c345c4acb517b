using System;
using System.IO;
using System.IO.Compression;
using System.Text;
using Xunit;

namespace NetGen.Tests.Data;

public sealed class CsvLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string content, string name = "data.csv")
    {
        string path = _dir.File(name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private InvalidDataException Fails(string content, string target = "y")
    {
        string path = Write(content);
        var e = Assert.Throws<InvalidDataException>(() => Dataset.FromCsv(path, target));
        Assert.Contains(path, e.Message);
        return e;
    }

    [Fact]
    public void Iris()
    {
        Dataset d = Dataset.FromCsv(RepoFiles.DataSet("iris.csv"), targetColumn: "species");
        Assert.Equal(150, d.Count);
        Assert.Equal(4, d.FeatureCount);
        Assert.Equal(new[] { "setosa", "versicolor", "virginica" }, d.ClassNames);
        Assert.Equal(new[] { 5.1f, 3.5f, 1.4f, 0.2f }, d.Features(0).ToArray());
        Assert.Equal(0, d.Label(0));
        Assert.Equal(2, d.Label(149));
        var perClass = new int[3];
        for (int i = 0; i < d.Count; i++) perClass[d.Label(i)]++;
        Assert.Equal(new[] { 50, 50, 50 }, perClass);
    }

    [Fact]
    public void DigitsFromGzipWithIntegerLabels()
    {
        Dataset d = Dataset.FromCsv(RepoFiles.DataSet("digits.csv.gz"), "digit");
        Assert.Equal(1797, d.Count);
        Assert.Equal(64, d.FeatureCount);
        Assert.Equal(new[] { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" }, d.ClassNames);
        Assert.Equal(0, d.Label(0));
        Assert.Equal(5f, d.Features(0)[2]);
    }

    [Fact]
    public void DiabetesIsRegression()
    {
        Dataset d = Dataset.FromCsv(RepoFiles.DataSet("diabetes.csv"), "progression");
        Assert.Equal(442, d.Count);
        Assert.Equal(10, d.FeatureCount);
        Assert.Equal(1, d.TargetCount);
        Assert.Null(d.ClassNames);
        Assert.False(d.IsClassification);
        Assert.Equal(151f, d.Target(0)[0]);
        Assert.Equal(4.8598f, d.Features(0)[8]);
    }

    [Fact]
    public void IntegerLabelsSortNumerically()
    {
        Dataset d = Dataset.FromCsv(Write("x,y\n1,10\n2,2\n3,1\n4,02\n"), "y");
        Assert.Equal(new[] { "1", "2", "10" }, d.ClassNames);
        Assert.Equal(new[] { 2, 1, 0, 1 }, new[] { d.Label(0), d.Label(1), d.Label(2), d.Label(3) });
    }

    [Fact]
    public void TextLabelsSortOrdinallyWhateverTheRowOrder()
    {
        Dataset d = Dataset.FromCsv(Write("y,x\nb,1\nB,2\na,3\n"), "y");
        Assert.Equal(new[] { "B", "a", "b" }, d.ClassNames);
        Assert.Equal(new[] { 1f, 2f, 3f }, d.AllFeatures.ToArray());
    }

    [Fact]
    public void QuotedFieldsFollowRfc4180()
    {
        // Quoted commas, doubled quotes and a CRLF inside quotes, CRLF line ends, a BOM, and quoted numbers.
        string csv = "\uFEFF\"x\",\"the \"\"label\"\"\",z\r\n\"1.5\",\"a, b\",2\r\n3,\"line one\r\nline two\",4\r\n5,\"\"\"q\"\"\",6";
        Dataset d = Dataset.FromCsv(Write(csv), "the \"label\"");
        Assert.Equal(3, d.Count);
        Assert.Equal(new[] { "\"q\"", "a, b", "line one\r\nline two" }, d.ClassNames);
        Assert.Equal(new[] { 1.5f, 2f, 3f, 4f, 5f, 6f }, d.AllFeatures.ToArray());
        Assert.Equal(new[] { 1, 2, 0 }, new[] { d.Label(0), d.Label(1), d.Label(2) });
    }

    [Fact]
    public void BlankLinesAreSkippedAndLineNumbersStayPhysical()
    {
        var e = Fails("x,y\n\n1,2\n\n\"multi\nline\",3\n");
        // The bad record starts on line 5 (the blank lines count).
        Assert.Contains("line 5, column 1 ('x')", e.Message);
    }

    [Fact]
    public void TargetKindOverridesTheGuess()
    {
        string path = Write("x,y\n1,3\n2,4\n3,3\n");
        Dataset classes = Dataset.FromCsv(path, "y");
        Assert.Equal(2, classes.TargetCount);
        Dataset regression = Dataset.FromCsv(path, "y", TargetKind.Regression);
        Assert.Null(regression.ClassNames);
        Assert.Equal(new[] { 3f, 4f, 3f }, regression.AllTargets.ToArray());
        Dataset floatClasses = Dataset.FromCsv(Write("x,y\n1,0.5\n2,1.5\n", "f.csv"), "y", TargetKind.Classes);
        Assert.Equal(new[] { "0.5", "1.5" }, floatClasses.ClassNames);
    }

    [Fact]
    public void RegressionTargetMustBeNumeric()
    {
        string path = Write("x,y\n1,3.5\n2,abc\n");
        var e = Assert.Throws<InvalidDataException>(() => Dataset.FromCsv(path, "y", TargetKind.Regression));
        Assert.Contains(path, e.Message);
        Assert.Contains("line 3, column 2 ('y')", e.Message);
    }

    [Fact]
    public void GzipIsRecognisedByContent()
    {
        string path = _dir.File("plain-name.csv");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            gz.Write(Encoding.UTF8.GetBytes("a,y\n1,x\n2,z\n"));
        Dataset d = Dataset.FromCsv(path, "y");
        Assert.Equal(2, d.Count);
        Dataset plain = Dataset.FromCsv(Write("a,y\n1,x\n", "looks-compressed.csv.gz"), "y");
        Assert.Equal(1, plain.Count);
    }

    [Fact]
    public void RaggedRow() => Assert.Contains("line 3: 2 fields, but the header has 3 columns", Fails("a,b,y\n1,2,3\n4,5\n").Message);

    [Fact]
    public void NonNumericFeature() => Assert.Contains("line 2, column 2 ('b'): 'abc' is not a finite number", Fails("a,b,y\n1,abc,3\n").Message);

    [Fact]
    public void NonFiniteFeature() => Assert.Contains("line 2, column 1 ('a'): 'NaN'", Fails("a,y\nNaN,1\n").Message);

    [Fact]
    public void MissingTargetListsTheColumns()
    {
        var e = Fails("a,b,label\n1,2,3\n", "species");
        Assert.Contains("no column named 'species'", e.Message);
        Assert.Contains("'a', 'b', 'label'", e.Message);
    }

    [Fact]
    public void EmptyFile() => Assert.Contains("line 1: the file is empty", Fails("").Message);

    [Fact]
    public void HeaderOnly() => Assert.Contains("no data rows", Fails("a,y\n").Message);

    [Fact]
    public void TargetOnly() => Assert.Contains("no feature columns", Fails("y\n1\n").Message);

    [Fact]
    public void EmptyTarget() => Assert.Contains("line 3, column 2 ('y'): the target is empty", Fails("a,y\n1,2\n3,\n").Message);

    [Fact]
    public void UnterminatedQuote() => Assert.Contains("line 2, column 3: the quoted field starting here is never closed", Fails("a,y\n1,\"abc\n2,3\n").Message);

    [Fact]
    public void QuoteInsideUnquotedField() => Assert.Contains("line 2, column 5: a quote inside an unquoted field", Fails("a,y\n1,ab\"c\n").Message);

    [Fact]
    public void TextAfterClosingQuote() => Assert.Contains("line 2, column 7: unexpected 'x' after a closing quote", Fails("a,y\n1,\"ab\"x\n").Message);

    [Fact]
    public void DuplicateTargetColumn() => Assert.Contains("appears twice (columns 1 and 3)", Fails("y,a,y\n1,2,3\n").Message);
}
