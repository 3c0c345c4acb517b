namespace NetGen.Playground;

/// <summary>What the network learns: a class (sign of the output) or a value.</summary>
public enum ProblemKind
{
    /// <summary>Labels are -1 or +1; the output unit is Tanh.</summary>
    Classification,

    /// <summary>Labels are in [-1, 1]; the output unit is linear.</summary>
    Regression,
}
