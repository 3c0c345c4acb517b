using System;
using System.Linq;
using Xunit;

namespace NetGen.Playground.Tests;

public class DataGeneratorTests
{
    public static TheoryData<DatasetKind> AllKinds() => new() { DatasetKind.Circle, DatasetKind.Xor, DatasetKind.Gaussian, DatasetKind.Spiral, DatasetKind.Plane, DatasetKind.MultiGaussian };

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Same_seed_gives_the_same_points_and_another_seed_others(DatasetKind kind)
    {
        Example2D[] a = DataGenerators.Generate(kind, 200, 0.25, seed: 7);
        Example2D[] b = DataGenerators.Generate(kind, 200, 0.25, seed: 7);
        Example2D[] c = DataGenerators.Generate(kind, 200, 0.25, seed: 8);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(200, a.Length);
        Assert.All(a, p => Assert.True(double.IsFinite(p.X) && double.IsFinite(p.Y) && double.IsFinite(p.Label)));
    }

    [Theory]
    [InlineData(DatasetKind.Circle)]
    [InlineData(DatasetKind.Gaussian)]
    [InlineData(DatasetKind.Spiral)]
    public void Two_part_sets_have_half_their_points_in_each_class_without_noise(DatasetKind kind)
    {
        Example2D[] points = DataGenerators.Generate(kind, DataGenerators.ClassificationSamples, 0, seed: 3);
        Assert.Equal(250, points.Count(p => p.Label == 1));
        Assert.Equal(250, points.Count(p => p.Label == -1));
    }

    [Fact]
    public void Circle_puts_positives_inside_radius_2_5_and_negatives_in_the_ring_from_3_5_to_5()
    {
        foreach (Example2D p in DataGenerators.Generate(DatasetKind.Circle, 500, 0, seed: 1))
        {
            double r = Math.Sqrt(p.X * p.X + p.Y * p.Y);
            if (p.Label == 1) Assert.InRange(r, 0, 2.5);
            else Assert.InRange(r, 3.5, 5);
        }
    }

    [Fact]
    public void Noise_flips_some_circle_labels_and_leaves_the_points_where_they_were()
    {
        Example2D[] noisy = DataGenerators.Generate(DatasetKind.Circle, 500, 0.5, seed: 1);
        int wrongSide = noisy.Count(p => (Math.Sqrt(p.X * p.X + p.Y * p.Y) < 2.5 ? 1 : -1) != p.Label);
        Assert.InRange(wrongSide, 1, 249); // noise moves the label test, not the point: some, not all, land on the wrong side
        Assert.All(noisy, p => Assert.InRange(Math.Sqrt(p.X * p.X + p.Y * p.Y), 0, 5));
    }

    [Fact]
    public void Xor_keeps_points_0_3_away_from_the_axes_and_labels_them_by_quadrant()
    {
        Example2D[] points = DataGenerators.Generate(DatasetKind.Xor, 500, 0, seed: 2);
        Assert.All(points, p =>
        {
            Assert.InRange(Math.Abs(p.X), 0.3, 5.3);
            Assert.InRange(Math.Abs(p.Y), 0.3, 5.3);
            Assert.Equal(p.X * p.Y >= 0 ? 1 : -1, p.Label);
        });
        Assert.InRange(points.Count(p => p.Label == 1), 200, 300); // quadrants are equally likely: 250 +- 4.5 sigma
    }

    [Fact]
    public void Gaussian_clouds_centre_on_2_2_and_minus_2_minus_2_and_noise_widens_them()
    {
        Example2D[] narrow = DataGenerators.Generate(DatasetKind.Gaussian, 2000, 0, seed: 4);
        Example2D[] wide = DataGenerators.Generate(DatasetKind.Gaussian, 2000, 0.5, seed: 4);
        Example2D[] positives = narrow.Where(p => p.Label == 1).ToArray();
        // 1000 draws of variance 0.5: the mean's standard error is 0.022, so 0.1 is over 4 sigma.
        Assert.InRange(positives.Average(p => p.X), 1.9, 2.1);
        Assert.InRange(narrow.Where(p => p.Label == -1).Average(p => p.Y), -2.1, -1.9);
        double Variance(Example2D[] set) { double m = set.Average(p => p.X); return set.Average(p => (p.X - m) * (p.X - m)); }
        Assert.InRange(Variance(positives), 0.4, 0.6);                                 // variance 0.5 at noise 0
        Assert.InRange(Variance(wide.Where(p => p.Label == 1).ToArray()), 3.4, 4.6);   // variance 4 at noise 0.5
    }

    [Fact]
    public void Spiral_arms_grow_to_radius_5_and_mirror_each_other()
    {
        Example2D[] points = DataGenerators.Generate(DatasetKind.Spiral, 500, 0, seed: 5);
        Assert.All(points, p => Assert.InRange(Math.Sqrt(p.X * p.X + p.Y * p.Y), 0, 5));
        for (int i = 0; i < 250; i++)
        {
            // Without noise the negative arm is the positive arm turned by pi.
            Assert.Equal(-points[i].X, points[250 + i].X, 9);
            Assert.Equal(-points[i].Y, points[250 + i].Y, 9);
        }
    }

    [Fact]
    public void Plane_labels_are_x_plus_y_over_10_without_noise()
    {
        Assert.All(DataGenerators.Generate(DatasetKind.Plane, 1200, 0, seed: 6), p =>
        {
            Assert.InRange(p.X, -6, 6);
            Assert.InRange(p.Y, -6, 6);
            Assert.Equal((p.X + p.Y) / 10, p.Label, 12);
        });
    }

    [Fact]
    public void Multi_gaussian_labels_peak_at_the_bumps_and_vanish_between_them()
    {
        Example2D[] points = DataGenerators.Generate(DatasetKind.MultiGaussian, 1200, 0, seed: 7);
        Assert.All(points, p => Assert.InRange(p.Label, -1, 1));
        double Far(Example2D p) => new[] { (-4, 2.5), (0, 2.5), (4, 2.5), (-4, -2.5), (0, -2.5), (4, -2.5) }
            .Min(c => Math.Sqrt((p.X - c.Item1) * (p.X - c.Item1) + (p.Y - c.Item2) * (p.Y - c.Item2)));
        Assert.All(points.Where(p => Far(p) >= 2), p => Assert.Equal(0, p.Label));
        Assert.All(points.Where(p => Far(p) < 1), p => Assert.InRange(Math.Abs(p.Label), 0.5, 1));
        Assert.Contains(points, p => p.Label > 0.5);
        Assert.Contains(points, p => p.Label < -0.5);
    }

    [Fact]
    public void Bad_arguments_are_rejected_by_name()
    {
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => DataGenerators.Generate(DatasetKind.Circle, 1, 0, 1)).ParamName);
        Assert.Equal("noise", Assert.Throws<ArgumentOutOfRangeException>(() => DataGenerators.Generate(DatasetKind.Circle, 10, 0.6, 1)).ParamName);
        Assert.Equal("noise", Assert.Throws<ArgumentOutOfRangeException>(() => DataGenerators.Generate(DatasetKind.Circle, 10, double.NaN, 1)).ParamName);
    }

    [Fact]
    public void Split_shuffles_and_cuts_at_the_floor_of_the_share()
    {
        Example2D[] points = DataGenerators.Generate(DatasetKind.Spiral, 500, 0, seed: 1);
        (Example2D[] train, Example2D[] test) = DataSplit.Split(points, 33, seed: 9);
        Assert.Equal(165, train.Length); // floor(500 * 0.33)
        Assert.Equal(335, test.Length);
        Assert.Equal(points.OrderBy(p => p.X).ThenBy(p => p.Y), train.Concat(test).OrderBy(p => p.X).ThenBy(p => p.Y));
        Assert.NotEqual(points.Take(165), train); // shuffled, not the first 165
        Assert.Equal(train, DataSplit.Split(points, 33, seed: 9).Train);
        Assert.Throws<ArgumentOutOfRangeException>(() => DataSplit.Split(points, 95, 1));
    }
}
