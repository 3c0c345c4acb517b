namespace NetGen;

/// <summary>How <see cref="Dataset.FromCsv"/> interprets the target column.</summary>
public enum TargetKind
{
    /// <summary>
    /// Decide from the values: all integers (no decimal point or exponent) or any text means classes; otherwise, when
    /// every value is a number, regression. Choose <see cref="Regression"/> explicitly for integer-valued regression targets.
    /// </summary>
    Auto,

    /// <summary>Every distinct value is a class; targets are one-hot.</summary>
    Classes,

    /// <summary>The values are numbers to predict; one target column.</summary>
    Regression,
}
