using System;

namespace NetGen.Playground;

/// <summary>Shuffles a data set and cuts it into training and test points, as the Playground's <c>generateData</c> does.</summary>
public static class DataSplit
{
    /// <summary>
    /// Shuffles a copy of <paramref name="points"/> (Fisher-Yates, seeded) and puts the first
    /// <c>floor(count * trainPercent / 100)</c> points in the training set and the rest in the test set.
    /// </summary>
    /// <param name="points">The whole data set; left unchanged.</param>
    /// <param name="trainPercent">The share of training points, 10 to 90 as on the Playground's slider.</param>
    /// <param name="seed">Seeds the shuffle.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trainPercent"/> is outside [10, 90].</exception>
    public static (Example2D[] Train, Example2D[] Test) Split(Example2D[] points, int trainPercent, int seed)
    {
        if (points is null) throw new ArgumentNullException(nameof(points));
        if (trainPercent < 10 || trainPercent > 90)
            throw new ArgumentOutOfRangeException(nameof(trainPercent), trainPercent, "The training share must be between 10 and 90 percent.");
        var shuffled = (Example2D[])points.Clone();
        var random = new Random(seed);
        for (int counter = shuffled.Length; counter > 1; counter--)
        {
            int index = random.Next(counter);
            (shuffled[counter - 1], shuffled[index]) = (shuffled[index], shuffled[counter - 1]);
        }

        int splitIndex = (int)Math.Floor(shuffled.Length * trainPercent / 100.0);
        return (shuffled[..splitIndex], shuffled[splitIndex..]);
    }
}
