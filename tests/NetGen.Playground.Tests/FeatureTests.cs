using System;
using Xunit;

namespace NetGen.Playground.Tests;

public class FeatureTests
{
    [Fact]
    public void Features_compute_the_playground_transforms()
    {
        Span<float> values = stackalloc float[7];
        Features.Compute(Features.All, 2, -3, values);
        Assert.Equal(new[] { 2f, -3f, 4f, 9f, -6f, (float)Math.Sin(2), (float)Math.Sin(-3) }, values.ToArray());
    }

    [Fact]
    public void Parse_reads_command_names_in_order_and_rejects_unknown_or_repeated_ones()
    {
        Assert.Equal(new[] { Feature.X1, Feature.X2, Feature.SinX1, Feature.SinX2 }, Features.Parse("x1,x2,sinx1,sinx2"));
        Assert.Equal(new[] { Feature.X2Squared, Feature.X1X2 }, Features.Parse(" X2SQ , x1x2 "));
        Assert.Contains("cosx1", Assert.Throws<ArgumentException>(() => Features.Parse("x1,cosx1")).Message);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => Features.Parse("x1,x1")).Message);
        Assert.Throws<ArgumentException>(() => Features.Parse(""));
    }

    [Fact]
    public void Colours_follow_the_playground_scale_and_clamp()
    {
        Assert.Equal("#f59322", PlaygroundColors.Hex(-1));
        Assert.Equal("#e8eaeb", PlaygroundColors.Hex(0));
        Assert.Equal("#0877bd", PlaygroundColors.Hex(1));
        Assert.Equal("#0877bd", PlaygroundColors.Hex(7));
        Assert.Equal(PlaygroundColors.Of(1), PlaygroundColors.Shade(0.01, discretize: true));
        Assert.Equal(PlaygroundColors.Of(-1), PlaygroundColors.Shade(-0.01, discretize: true));
        Assert.Equal(PlaygroundColors.Of(1), PlaygroundColors.Shade(1, discretize: false));
        Assert.Equal(PlaygroundColors.Of(-1), PlaygroundColors.Shade(-1, discretize: false));
    }
}
