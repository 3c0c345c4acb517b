namespace NetGen.Playground;

/// <summary>The losses after an epoch: half the mean squared error over the training and the test points, as the original reports.</summary>
/// <param name="Epoch">Epochs completed (0 before training).</param>
/// <param name="Train">Mean loss over the training points.</param>
/// <param name="Test">Mean loss over the test points (NaN when there are none).</param>
public readonly record struct LossPoint(int Epoch, double Train, double Test);
