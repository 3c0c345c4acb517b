namespace NetGen.Playground;

/// <summary>The weight penalty the Playground offers.</summary>
public enum Regularization
{
    /// <summary>No penalty.</summary>
    None,

    /// <summary>The sum of absolute weights.</summary>
    L1,

    /// <summary>Half the sum of squared weights.</summary>
    L2,
}
