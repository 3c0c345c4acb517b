namespace NetGen.Playground;

/// <summary>One point of a Playground data set: its coordinates and its label.</summary>
/// <param name="X">The first coordinate (X1), in about [-6, 6].</param>
/// <param name="Y">The second coordinate (X2), in about [-6, 6].</param>
/// <param name="Label">For classification -1 or +1; for regression a value in [-1, 1].</param>
public readonly record struct Example2D(double X, double Y, double Label);
