using System;

namespace NetGen.Tests.Reference;

/// <summary>
/// An independent, deliberately naive double-precision implementation of the lecture's maths for any
/// <see cref="NetworkArchitecture"/>: forward pass, loss and backpropagation written straight from the formulas in
/// lecture-examples.json, with no vectorisation and no shared code with the generator. Tests compare generated code
/// against it, and check it in turn against finite differences.
/// </summary>
public sealed class ReferenceNetwork
{
    public const double SeluLambda = 1.0507009873554804934193349852946;
    public const double SeluAlpha = 1.6732632423543772848170429916717;

    public ReferenceNetwork(NetworkArchitecture architecture, ReadOnlySpan<float> parameters)
    {
        Architecture = architecture;
        if (parameters.Length != architecture.ParameterCount)
            throw new ArgumentException($"Expected {architecture.ParameterCount} parameters, got {parameters.Length}.");
        Parameters = new double[parameters.Length];
        for (int i = 0; i < parameters.Length; i++) Parameters[i] = parameters[i];
    }

    public NetworkArchitecture Architecture { get; }

    public double[] Parameters { get; }

    public double W(LayerInfo layer, int row, int col) => Parameters[layer.ParameterOffset + row * layer.Inputs + col];

    public double B(LayerInfo layer, int row) => Parameters[layer.BiasOffset + row];

    /// <summary>Forward pass; returns pre-activations Z and activations A per layer (A[0] is the input).</summary>
    public (double[][] Z, double[][] A) ForwardAll(ReadOnlySpan<double> input, double[][]? dropoutMasks = null)
    {
        int n = Architecture.Layers.Count;
        var z = new double[n][];
        var a = new double[n + 1][];
        a[0] = input.ToArray();
        for (int l = 0; l < n; l++)
        {
            LayerInfo layer = Architecture.Layers[l];
            z[l] = new double[layer.Units];
            for (int j = 0; j < layer.Units; j++)
            {
                double sum = B(layer, j);
                for (int k = 0; k < layer.Inputs; k++) sum += W(layer, j, k) * a[l][k];
                z[l][j] = sum;
            }

            a[l + 1] = Activate(layer.Activation, layer.Alpha, z[l]);
            if (dropoutMasks?[l] is { } mask)
                for (int j = 0; j < layer.Units; j++) a[l + 1][j] *= mask[j];
        }

        return (z, a);
    }

    public double[] Forward(ReadOnlySpan<double> input)
    {
        (_, double[][] a) = ForwardAll(input);
        return a[a.Length - 1];
    }

    public static double[] Activate(Activation activation, double alpha, double[] z)
    {
        var g = new double[z.Length];
        if (activation == Activation.Softmax)
        {
            double max = double.NegativeInfinity;
            foreach (double v in z) max = Math.Max(max, v);
            double sum = 0;
            for (int i = 0; i < z.Length; i++) sum += g[i] = Math.Exp(z[i] - max);
            for (int i = 0; i < z.Length; i++) g[i] /= sum;
            return g;
        }

        for (int i = 0; i < z.Length; i++)
        {
            double x = z[i];
            g[i] = activation switch
            {
                Activation.Identity => x,
                Activation.Sigmoid => 1.0 / (1.0 + Math.Exp(-x)),
                Activation.Tanh => Math.Tanh(x),
                Activation.Relu => x > 0 ? x : 0,
                Activation.LeakyRelu => x > 0 ? x : alpha * x,
                Activation.Elu => x > 0 ? x : alpha * (Math.Exp(x) - 1),
                Activation.Selu => SeluLambda * (x > 0 ? x : SeluAlpha * (Math.Exp(x) - 1)),
                Activation.Softsign => x / (1 + Math.Abs(x)),
                _ => throw new ArgumentOutOfRangeException(nameof(activation)),
            };
        }

        return g;
    }

    /// <summary>The elementwise derivative g'(z) (not used for Softmax, whose Jacobian is handled by the fused loss).</summary>
    public static double Derivative(Activation activation, double alpha, double z) => activation switch
    {
        Activation.Identity => 1,
        Activation.Sigmoid => Sigmoid(z) * (1 - Sigmoid(z)),
        Activation.Tanh => 1 - Math.Tanh(z) * Math.Tanh(z),
        Activation.Relu => z > 0 ? 1 : 0,
        Activation.LeakyRelu => z > 0 ? 1 : alpha,
        Activation.Elu => z > 0 ? 1 : alpha * Math.Exp(z),
        Activation.Selu => SeluLambda * (z > 0 ? 1 : SeluAlpha * Math.Exp(z)),
        Activation.Softsign => 1 / ((1 + Math.Abs(z)) * (1 + Math.Abs(z))),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    private static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

    /// <summary>The per-example loss, from the definitions (not the fused or log-sum-exp forms the generator uses).</summary>
    public static double LossOf(Loss loss, double[] yhat, ReadOnlySpan<double> y)
    {
        double total = 0;
        for (int k = 0; k < yhat.Length; k++)
        {
            total += loss switch
            {
                NetGen.Loss.MeanSquaredError => 0.5 * (yhat[k] - y[k]) * (yhat[k] - y[k]),
                NetGen.Loss.BinaryCrossEntropy => -(y[k] * Math.Log(yhat[k]) + (1 - y[k]) * Math.Log(1 - yhat[k])),
                NetGen.Loss.CategoricalCrossEntropy => -y[k] * Math.Log(yhat[k]),
                _ => throw new ArgumentOutOfRangeException(nameof(loss)),
            };
        }

        return total;
    }

    public double LossAt(ReadOnlySpan<double> input, ReadOnlySpan<double> target, double[][]? dropoutMasks = null)
    {
        (_, double[][] a) = ForwardAll(input, dropoutMasks);
        return LossOf(Architecture.Loss, a[a.Length - 1], target);
    }

    /// <summary>
    /// Backpropagation for one example, written from the general chain rule: dL/dA of the output from the loss's own
    /// derivative, then through the output activation's full Jacobian (Softmax included), so it does not rely on the
    /// fused <c>yhat - y</c> shortcut the generator uses. Returns the loss; adds gradients into <paramref name="gradients"/>.
    /// </summary>
    public double Backward(ReadOnlySpan<double> input, ReadOnlySpan<double> target, double[] gradients, double[][]? dropoutMasks = null)
    {
        (double[][] z, double[][] a) = ForwardAll(input, dropoutMasks);
        int n = Architecture.Layers.Count;
        double[] yhat = a[n];
        var dA = new double[yhat.Length];
        for (int k = 0; k < yhat.Length; k++)
        {
            dA[k] = Architecture.Loss switch
            {
                NetGen.Loss.MeanSquaredError => yhat[k] - target[k],
                NetGen.Loss.BinaryCrossEntropy => -(target[k] / yhat[k]) + (1 - target[k]) / (1 - yhat[k]),
                NetGen.Loss.CategoricalCrossEntropy => -target[k] / yhat[k],
                _ => throw new InvalidOperationException(),
            };
        }

        for (int l = n - 1; l >= 0; l--)
        {
            LayerInfo layer = Architecture.Layers[l];
            if (dropoutMasks?[l] is { } mask)
                for (int j = 0; j < layer.Units; j++) dA[j] *= mask[j];

            var dZ = new double[layer.Units];
            if (layer.Activation == Activation.Softmax)
            {
                double[] s = Activate(Activation.Softmax, 0, z[l]);
                for (int i = 0; i < layer.Units; i++)
                    for (int j = 0; j < layer.Units; j++)
                        dZ[i] += dA[j] * s[j] * ((i == j ? 1 : 0) - s[i]);
            }
            else
            {
                for (int j = 0; j < layer.Units; j++) dZ[j] = dA[j] * Derivative(layer.Activation, layer.Alpha, z[l][j]);
            }

            var dPrev = new double[layer.Inputs];
            for (int j = 0; j < layer.Units; j++)
            {
                for (int k = 0; k < layer.Inputs; k++)
                {
                    gradients[layer.ParameterOffset + j * layer.Inputs + k] += dZ[j] * a[l][k];
                    dPrev[k] += W(layer, j, k) * dZ[j];
                }

                gradients[layer.BiasOffset + j] += dZ[j];
            }

            dA = dPrev;
        }

        return LossOf(Architecture.Loss, yhat, target);
    }
}
