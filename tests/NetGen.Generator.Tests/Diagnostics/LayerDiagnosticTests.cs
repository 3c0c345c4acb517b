using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Xunit;
using static NetGen.Generator.Tests.Infrastructure.DiagnosticAssert;

namespace NetGen.Generator.Tests.Diagnostics;

/// <summary>Diagnostics about the attribute arguments: sizes, activations, losses, Alpha, Dropout and enum values.</summary>
public class LayerDiagnosticTests
{
    private const DiagnosticSeverity Error = DiagnosticSeverity.Error;
    private const DiagnosticSeverity Warning = DiagnosticSeverity.Warning;

    [Fact]
    public void NG0002_NoDenseLayer_PointsAtTheNetworkAttribute()
    {
        Diagnostic d = ReportsSingle("""
            using NetGen;
            [{|NG0002:Network(3)|}]
            public partial class Net { }
            """, "NG0002", Error);
        Assert.Contains("'Net'", d.GetMessage());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("inputs: 0")]
    public void NG0003_InputSizeBelowOne_PointsAtTheArgument(string argument)
    {
        Diagnostic d = ReportsSingle($$"""
            using NetGen;
            [Network({|NG0003:{{argument}}|})]
            [Dense(1)]
            public partial class Net { }
            """, "NG0003", Error);
        Assert.Contains($"declares {argument.Replace("inputs: ", "")} inputs", d.GetMessage());
    }

    [Fact]
    public void NG0004_UnitsBelowOne_PointsAtTheArgumentAndNamesTheLayer()
    {
        Diagnostic d = ReportsSingle("""
            using NetGen;
            [Network(3)]
            [Dense(4, Activation.Relu)]
            [Dense({|NG0004:0|}, Activation.Relu)]
            [Dense(1)]
            public partial class Net { }
            """, "NG0004", Error);
        Assert.Contains("Dense layer 1 of 'Net' declares 0 units", d.GetMessage());
    }

    [Fact]
    public void NG0004_NamedArgumentOutOfOrder_PointsAtTheNamedArgument() =>
        ReportsSingle("""
            using NetGen;
            [Network(3)]
            [Dense(activation: Activation.Sigmoid, {|NG0004:units: -1|})]
            public partial class Net { }
            """, "NG0004", Error);

    [Fact]
    public void NG0005_SoftmaxOnHiddenLayer_PointsAtTheActivation()
    {
        Diagnostic d = ReportsSingle("""
            using NetGen;
            [Network(3)]
            [Dense(4, {|NG0005:Activation.Softmax|})]
            [Dense(2, Activation.Softmax)]
            public partial class Net { }
            """, "NG0005", Error);
        Assert.Contains("Dense layer 0 of 'Net' uses Softmax", d.GetMessage());
        Assert.Contains("output layer is layer 1", d.GetMessage());
    }

    [Theory]
    [InlineData("BinaryCrossEntropy", "Activation.Softmax", "Sigmoid", "Softmax")]
    [InlineData("BinaryCrossEntropy", "Activation.Identity", "Sigmoid", "Identity")]
    [InlineData("CategoricalCrossEntropy", "Activation.Sigmoid", "Softmax", "Sigmoid")]
    public void NG0006_LossDoesNotFitOutput_PointsAtTheLossArgument(string loss, string activation, string needed, string actual)
    {
        Diagnostic d = ReportsSingle($$"""
            using NetGen;
            [Network(3, {|NG0006:Loss = Loss.{{loss}}|})]
            [Dense(4, Activation.Tanh)]
            [Dense(2, {{activation}})]
            public partial class Net { }
            """, "NG0006", Error);
        Assert.Contains($"Loss {loss} needs a {needed} output layer, but the output layer of 'Net' uses {actual}", d.GetMessage());
    }

    [Fact]
    public void NG0007_SoftmaxWithOneUnit_IsAWarningAndStillGenerates()
    {
        ReportsSingle("""
            using NetGen;
            [Network(3)]
            [{|NG0007:Dense(1, Activation.Softmax)|}]
            public partial class Net { }
            """, "NG0007", Warning);
    }

    [Fact]
    public void NG0009_TooManyParameters_PointsAtTheLayerThatCrossesTheLimit()
    {
        Diagnostic d = ReportsSingle("""
            using NetGen;
            [Network(200000)]
            [Dense(10000, Activation.Relu)]
            [{|NG0009:Dense(20000, Activation.Relu)|}]
            [Dense(10)]
            public partial class Net { }
            """, "NG0009", Error);
        // Layer 0 has 10000 * 200001 = 2,000,010,000 parameters (under the limit); layer 1 adds 20000 * 10001 = 200,020,000.
        Assert.Contains("has 2200030000 parameters once Dense layer 1 (20000 units) is added; at most 2147483591", d.GetMessage());
    }

    [Fact]
    public void NG0009_HugeLayersDoNotWrapAround()
    {
        // Three layers of int.MaxValue units would overflow a 64-bit running total; the check stops at the first excess.
        ReportsSingle("""
            using NetGen;
            [Network(int.MaxValue)]
            [{|NG0009:Dense(int.MaxValue, Activation.Relu)|}]
            [Dense(int.MaxValue, Activation.Relu)]
            [Dense(int.MaxValue, Activation.Relu)]
            [Dense(int.MaxValue)]
            public partial class Net { }
            """, "NG0009", Error);
    }

    [Theory]
    [InlineData("Activation.Relu", "Relu")]
    [InlineData("Activation.Sigmoid", "Sigmoid")]
    [InlineData("Activation.Selu", "Selu")]
    public void NG0010_AlphaIgnored_IsAWarningAtTheAlphaArgument(string activation, string name)
    {
        Diagnostic d = ReportsSingle($$"""
            using NetGen;
            [Network(3)]
            [Dense(2, {{activation}}, {|NG0010:Alpha = 0.2f|})]
            public partial class Net { }
            """, "NG0010", Warning);
        Assert.Contains($"sets Alpha = 0.2, but {name} has no alpha", d.GetMessage());
    }

    [Theory]
    [InlineData("LeakyRelu", "-0.1f", "-0.1")]
    [InlineData("LeakyRelu", "1f", "1")]
    [InlineData("LeakyRelu", "float.NaN", "NaN")]
    [InlineData("Elu", "0f", "0")]
    [InlineData("Elu", "float.PositiveInfinity", "Infinity")]
    public void NG0011_AlphaOutOfRange_PointsAtTheAlphaArgument(string activation, string alpha, string shown)
    {
        Diagnostic d = ReportsSingle($$"""
            using NetGen;
            [Network(3)]
            [Dense(4, Activation.{{activation}}, {|NG0011:Alpha = {{alpha}}|})]
            [Dense(1)]
            public partial class Net { }
            """, "NG0011", Error);
        Assert.Contains($"Dense layer 0 of 'Net' sets Alpha = {shown}; {activation} needs", d.GetMessage());
    }

    [Theory]
    [InlineData("1f", "1")]
    [InlineData("-0.25f", "-0.25")]
    [InlineData("1.5f", "1.5")]
    [InlineData("float.NaN", "NaN")]
    [InlineData("rate: 2", "2")]
    public void NG0012_DropoutRateOutOfRange_PointsAtTheRate(string rate, string shown)
    {
        Diagnostic d = ReportsSingle($$"""
            using NetGen;
            [Network(3)]
            [Dense(4, Activation.Relu)]
            [Dropout({|NG0012:{{rate}}|})]
            [Dense(1)]
            public partial class Net { }
            """, "NG0012", Error);
        Assert.Contains($"Dropout rate {shown} in 'Net' is outside [0, 1)", d.GetMessage());
    }

    [Fact]
    public void NG0013_DropoutAfterOutput_PointsAtTheDropout() =>
        ReportsSingle("""
            using NetGen;
            [Network(3)]
            [Dense(4, Activation.Relu)]
            [Dense(1)]
            [{|NG0013:Dropout(0.5f)|}]
            public partial class Net { }
            """, "NG0013", Error);

    [Fact]
    public void NG0014_DropoutBeforeFirstLayer_ReportedOnce() =>
        ReportsSingle("""
            using NetGen;
            [Network(3)]
            [{|NG0014:Dropout(0.2f)|}]
            [Dropout(0.3f)]
            [Dense(1)]
            public partial class Net { }
            """, "NG0014", Error);

    [Fact]
    public void NG0015_TwoDropoutsOnOneLayer_PointsAtTheSecond()
    {
        Diagnostic d = ReportsSingle("""
            using NetGen;
            [Network(3)]
            [Dense(4, Activation.Relu)]
            [Dropout(0.2f)]
            [{|NG0015:Dropout(0.3f)|}]
            [Dense(1)]
            public partial class Net { }
            """, "NG0015", Error);
        Assert.Contains("Dense layer 0 of 'Net'", d.GetMessage());
    }

    [Theory]
    [InlineData("[Network(3, {|NG0020:Loss = (Loss)42|})]\n[Dense(1)]", "Loss value 42")]
    [InlineData("[Network(3)]\n[Dense(1, {|NG0020:(Activation)99|})]", "Activation value 99")]
    [InlineData("[Network(3)]\n[Dense(1, {|NG0020:activation: (Activation)(-1)|})]", "Activation value -1")]
    [InlineData("[Network(3)]\n[Dense(1, {|NG0020:Init = (Init)5|})]", "Init value 5")]
    public void NG0020_UndefinedEnumValue_PointsAtTheCast(string attributes, string expected)
    {
        Diagnostic d = ReportsSingle($$"""
            using NetGen;
            {{attributes}}
            public partial class Net { }
            """, "NG0020", Error);
        Assert.Contains(expected, d.GetMessage());
    }

    [Fact]
    public void NG0024_DropoutZero_IsAWarningAtTheRate()
    {
        Diagnostic d = ReportsSingle("""
            using NetGen;
            [Network(3)]
            [Dense(4, Activation.Relu)]
            [Dropout({|NG0024:0f|})]
            [Dense(1)]
            public partial class Net { }
            """, "NG0024", Warning);
        Assert.Contains("after Dense layer 0 of 'Net'", d.GetMessage());
    }

    [Fact]
    public void NG0025_HiddenIdentityLayer_IsInfoAtTheAttributeWhenActivationIsDefaulted()
    {
        Diagnostic d = ReportsSingle("""
            using NetGen;
            [Network(3)]
            [{|NG0025:Dense(8)|}]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net { }
            """, "NG0025", DiagnosticSeverity.Info);
        Assert.Contains("Dense layer 0 of 'Net'", d.GetMessage());
    }

    [Fact]
    public void NG0025_ExplicitIdentity_PointsAtTheActivation() =>
        ReportsSingle("""
            using NetGen;
            [Network(3)]
            [Dense(8, {|NG0025:Activation.Identity|})]
            [Dense(1)]
            public partial class Net { }
            """, "NG0025", DiagnosticSeverity.Info);

    [Fact]
    public void SeveralMistakesAreAllReported()
    {
        Reports("""
            using NetGen;
            [Network({|NG0003:0|}, {|NG0006:Loss = Loss.BinaryCrossEntropy|})]
            [Dense({|NG0004:0|}, {|NG0005:Activation.Softmax|})]
            [Dropout({|NG0012:1.5f|})]
            [Dense(3, Activation.Tanh, {|NG0010:Alpha = 2f|})]
            public class {|NG0001:Net|} { }
            """, new Dictionary<string, DiagnosticSeverity>
        {
            ["NG0001"] = Error, ["NG0003"] = Error, ["NG0004"] = Error, ["NG0005"] = Error, ["NG0006"] = Error,
            ["NG0010"] = Warning, ["NG0012"] = Error,
        });
    }
}
