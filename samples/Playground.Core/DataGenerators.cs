using System;
using System.Collections.Generic;

namespace NetGen.Playground;

/// <summary>
/// The TensorFlow Playground's data generators, rewritten in C# from the algorithms in its <c>src/dataset.ts</c>
/// (github.com/tensorflow/playground, Apache License 2.0; algorithms by Daniel Smilkov and Shan Carter). Shapes,
/// radii, label rules, noise scaling and sample counts follow the original; the random source is a seeded
/// <see cref="Random"/> instead of seedrandom, so the exact points differ but their distribution does not.
/// </summary>
public static class DataGenerators
{
    /// <summary>The original's number of points for classification sets.</summary>
    public const int ClassificationSamples = 500;

    /// <summary>The original's number of points for regression sets.</summary>
    public const int RegressionSamples = 1200;

    /// <summary>The largest noise level the Playground offers (its slider reads 0 to 50 percent).</summary>
    public const double MaxNoise = 0.5;

    /// <summary>Half the side of the square the points live in: the heat map spans [-Extent, Extent] on both axes.</summary>
    public const double Extent = 6;

    /// <summary>Whether <paramref name="kind"/> is a classification or a regression set.</summary>
    public static ProblemKind ProblemOf(DatasetKind kind) =>
        kind is DatasetKind.Plane or DatasetKind.MultiGaussian ? ProblemKind.Regression : ProblemKind.Classification;

    /// <summary>The number of points the original generates for <paramref name="kind"/>.</summary>
    public static int DefaultSampleCount(DatasetKind kind) =>
        ProblemOf(kind) == ProblemKind.Regression ? RegressionSamples : ClassificationSamples;

    /// <summary>Generates <paramref name="count"/> points of <paramref name="kind"/> with the given noise.</summary>
    /// <param name="kind">The data set.</param>
    /// <param name="count">How many points; at least 2 (classification sets produce half per class, as the original).</param>
    /// <param name="noise">The noise level, 0 to <see cref="MaxNoise"/> (the slider's percentage divided by 100).</param>
    /// <param name="seed">Seeds the random source: the same arguments give the same points.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static Example2D[] Generate(DatasetKind kind, int count, double noise, int seed)
    {
        if (count < 2) throw new ArgumentOutOfRangeException(nameof(count), count, "A data set needs at least 2 points.");
        if (!(noise >= 0 && noise <= MaxNoise))
            throw new ArgumentOutOfRangeException(nameof(noise), noise, $"Noise must be between 0 and {MaxNoise}.");
        var random = new Random(seed);
        var points = new List<Example2D>(count);
        switch (kind)
        {
            case DatasetKind.Circle: Circle(points, count, noise, random); break;
            case DatasetKind.Xor: Xor(points, count, noise, random); break;
            case DatasetKind.Gaussian: TwoGaussians(points, count, noise, random); break;
            case DatasetKind.Spiral: Spiral(points, count, noise, random); break;
            case DatasetKind.Plane: Plane(points, count, noise, random); break;
            case DatasetKind.MultiGaussian: MultiGaussian(points, count, noise, random); break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown data set.");
        }

        return points.ToArray();
    }

    // Positives uniformly in radius [0, 2.5], negatives in [3.5, 5]; the label is decided after displacing the point
    // by noise * U(-5, 5) per axis, but the undisplaced point is stored, exactly as the original does.
    private static void Circle(List<Example2D> points, int count, double noise, Random random)
    {
        const double radius = 5;
        void Ring(double inner, double outer)
        {
            for (int i = 0; i < count / 2; i++)
            {
                double r = Uniform(random, inner, outer);
                double angle = Uniform(random, 0, 2 * Math.PI);
                double x = r * Math.Sin(angle), y = r * Math.Cos(angle);
                double noiseX = Uniform(random, -radius, radius) * noise;
                double noiseY = Uniform(random, -radius, radius) * noise;
                double label = Distance(x + noiseX, y + noiseY, 0, 0) < radius * 0.5 ? 1 : -1;
                points.Add(new Example2D(x, y, label));
            }
        }

        Ring(0, radius * 0.5);
        Ring(radius * 0.7, radius);
    }

    // Uniform in [-5, 5] pushed 0.3 away from both axes; the label is the sign of x * y after noise.
    private static void Xor(List<Example2D> points, int count, double noise, Random random)
    {
        const double padding = 0.3;
        for (int i = 0; i < count; i++)
        {
            double x = Uniform(random, -5, 5);
            x += x > 0 ? padding : -padding;
            double y = Uniform(random, -5, 5);
            y += y > 0 ? padding : -padding;
            double noiseX = Uniform(random, -5, 5) * noise;
            double noiseY = Uniform(random, -5, 5) * noise;
            double label = (x + noiseX) * (y + noiseY) >= 0 ? 1 : -1;
            points.Add(new Example2D(x, y, label));
        }
    }

    // Noise widens the clouds: the variance maps linearly from [0, 0.5] to [0.5, 4].
    private static void TwoGaussians(List<Example2D> points, int count, double noise, Random random)
    {
        double variance = 0.5 + noise / MaxNoise * (4 - 0.5);
        void Cloud(double cx, double cy, double label)
        {
            for (int i = 0; i < count / 2; i++)
                points.Add(new Example2D(Normal(random, cx, variance), Normal(random, cy, variance), label));
        }

        Cloud(2, 2, 1);
        Cloud(-2, -2, -1);
    }

    // Each arm turns 1.75 times around while its radius grows from 0 to 5; the second arm is the first turned by pi.
    private static void Spiral(List<Example2D> points, int count, double noise, Random random)
    {
        int n = count / 2;
        void Arm(double deltaT, double label)
        {
            for (int i = 0; i < n; i++)
            {
                double r = (double)i / n * 5;
                double t = 1.75 * i / n * 2 * Math.PI + deltaT;
                double x = r * Math.Sin(t) + Uniform(random, -1, 1) * noise;
                double y = r * Math.Cos(t) + Uniform(random, -1, 1) * noise;
                points.Add(new Example2D(x, y, label));
            }
        }

        Arm(0, 1);
        Arm(Math.PI, -1);
    }

    // Label (x + y) / 10, mapping [-10, 10] to [-1, 1], taken at the noise-displaced point.
    private static void Plane(List<Example2D> points, int count, double noise, Random random) =>
        Regression(points, count, noise, random, (x, y) => (x + y) / 10);

    // Six bumps of height 1 and radius 2 with alternating sign; the label is the bump value largest in magnitude.
    private static void MultiGaussian(List<Example2D> points, int count, double noise, Random random)
    {
        (double X, double Y, double Sign)[] bumps =
        {
            (-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1),
            (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1),
        };
        Regression(points, count, noise, random, (x, y) =>
        {
            double label = 0;
            foreach ((double cx, double cy, double sign) in bumps)
            {
                double value = sign * Math.Clamp(1 - Distance(x, y, cx, cy) / 2, 0, 1);
                if (Math.Abs(value) > Math.Abs(label)) label = value;
            }

            return label;
        });
    }

    private static void Regression(List<Example2D> points, int count, double noise, Random random, Func<double, double, double> label)
    {
        const double radius = 6;
        for (int i = 0; i < count; i++)
        {
            double x = Uniform(random, -radius, radius);
            double y = Uniform(random, -radius, radius);
            double noiseX = Uniform(random, -radius, radius) * noise;
            double noiseY = Uniform(random, -radius, radius) * noise;
            points.Add(new Example2D(x, y, label(x + noiseX, y + noiseY)));
        }
    }

    private static double Uniform(Random random, double low, double high) => random.NextDouble() * (high - low) + low;

    // Marsaglia's polar method, as the original's normalRandom; s = 0 is also rejected (the original would divide by 0).
    private static double Normal(Random random, double mean, double variance)
    {
        double v1, s;
        do
        {
            v1 = 2 * random.NextDouble() - 1;
            double v2 = 2 * random.NextDouble() - 1;
            s = v1 * v1 + v2 * v2;
        }
        while (s > 1 || s == 0);

        return mean + Math.Sqrt(variance) * Math.Sqrt(-2 * Math.Log(s) / s) * v1;
    }

    private static double Distance(double ax, double ay, double bx, double by)
    {
        double dx = ax - bx, dy = ay - by;
        return Math.Sqrt(dx * dx + dy * dy);
    }
}
