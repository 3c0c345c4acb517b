namespace NetGen.Samples.FashionMnist;

/// <summary>
/// Lowers the optimizer's learning rate when the validation loss stops improving (Keras' ReduceLROnPlateau). With Adam's
/// constant rate the validation loss on Fashion-MNIST stalls after a few epochs; smaller steps from then on find a lower
/// minimum, which early stopping then keeps.
/// </summary>
internal sealed class ReduceOnPlateau(Optimizer optimizer, int patience, float factor, float minimum)
{
    private double _best = double.PositiveInfinity;
    private int _epochsSinceBest;

    public int Patience => patience;

    public float Factor => factor;

    /// <summary>Takes note of a finished epoch; returns the new learning rate when it lowered it, else null.</summary>
    public float? Observe(EpochResult epoch)
    {
        if (epoch.ValidationLoss is not double loss) return null;
        if (loss < _best)
        {
            _best = loss;
            _epochsSinceBest = 0;
            return null;
        }

        if (++_epochsSinceBest < patience || optimizer.LearningRate <= minimum) return null;
        _epochsSinceBest = 0;
        optimizer.LearningRate = System.Math.Max(minimum, optimizer.LearningRate * factor);
        return optimizer.LearningRate;
    }
}
