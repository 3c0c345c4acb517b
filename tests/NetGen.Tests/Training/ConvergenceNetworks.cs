using System;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Training;

/// <summary>
/// The networks the convergence tests train, one factory per test (argument: the initialisation seed). They build the
/// double-precision reference adapter today; once the generator emits training code, each body becomes the matching
/// generated class (for example <c>seed =&gt; new Xor241(seed)</c>) and the tests, which only see <see cref="INetwork"/>, stay as they are.
/// </summary>
internal static class ConvergenceNetworks
{
    /// <summary>2-4-1: tanh hidden, sigmoid output, binary cross-entropy.</summary>
    public static Func<int, INetwork> Xor { get; set; } = seed =>
        Nets.Reference(seed, 2, Loss.BinaryCrossEntropy, (4, Activation.Tanh, 0f), (1, Activation.Sigmoid, 0f));

    /// <summary>4-16-3: ReLU hidden, softmax output.</summary>
    public static Func<int, INetwork> Iris { get; set; } = seed =>
        Nets.Reference(seed, 4, Loss.CategoricalCrossEntropy, (16, Activation.Relu, 0f), (3, Activation.Softmax, 0f));

    /// <summary>64-64-10: ReLU hidden with dropout 0.2, softmax output.</summary>
    public static Func<int, INetwork> Digits { get; set; } = seed =>
        Nets.Reference(seed, 64, Loss.CategoricalCrossEntropy, (64, Activation.Relu, 0.2f), (10, Activation.Softmax, 0f));

    /// <summary>10-8-1: tanh hidden, identity output, mean squared error.</summary>
    public static Func<int, INetwork> Diabetes { get; set; } = seed =>
        Nets.Reference(seed, 10, Loss.MeanSquaredError, (8, Activation.Tanh, 0f), (1, Activation.Identity, 0f));
}
