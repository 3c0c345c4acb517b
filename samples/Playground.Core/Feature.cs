namespace NetGen.Playground;

/// <summary>The input features the Playground offers, computed from a point's coordinates.</summary>
public enum Feature
{
    /// <summary>X1.</summary>
    X1,

    /// <summary>X2.</summary>
    X2,

    /// <summary>X1 squared.</summary>
    X1Squared,

    /// <summary>X2 squared.</summary>
    X2Squared,

    /// <summary>X1 times X2.</summary>
    X1X2,

    /// <summary>sin(X1).</summary>
    SinX1,

    /// <summary>sin(X2).</summary>
    SinX2,
}
