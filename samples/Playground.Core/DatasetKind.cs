namespace NetGen.Playground;

/// <summary>The Playground's data sets: four classification sets and two regression sets.</summary>
public enum DatasetKind
{
    /// <summary>Classification: a disc of positives inside a ring of negatives.</summary>
    Circle,

    /// <summary>Classification: the sign of X1 * X2 (exclusive or of the quadrants).</summary>
    Xor,

    /// <summary>Classification: two Gaussian clouds around (2, 2) and (-2, -2).</summary>
    Gaussian,

    /// <summary>Classification: two interleaved spirals.</summary>
    Spiral,

    /// <summary>Regression: a tilted plane, label (X1 + X2) / 10.</summary>
    Plane,

    /// <summary>Regression: six Gaussian bumps of alternating sign.</summary>
    MultiGaussian,
}
