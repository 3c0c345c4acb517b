using System;

namespace NetGen.Tests.Optimizers;

/// <summary>
/// The published torch.optim update rules (SGD, RMSprop, Adam, AdamW pages of the PyTorch docs), written out in double
/// precision one element at a time, with no code shared with the runtime. Hyperparameters are the optimizers' float
/// values widened to double, so the reference computes the exact rule for the same numbers.
/// </summary>
internal abstract class PublishedUpdateRule
{
    public abstract void Step(double[] p, double[] g);

    public sealed class Sgd(double lr, double momentum, bool nesterov) : PublishedUpdateRule
    {
        private double[]? _b;

        public override void Step(double[] p, double[] g)
        {
            for (int i = 0; i < p.Length; i++)
            {
                double d = g[i];
                if (momentum != 0)
                {
                    _b ??= new double[p.Length];
                    _b[i] = momentum * _b[i] + g[i];
                    d = nesterov ? g[i] + momentum * _b[i] : _b[i];
                }

                p[i] -= lr * d;
            }
        }
    }

    public sealed class RmsProp(double lr, double alpha, double eps) : PublishedUpdateRule
    {
        private double[]? _v;

        public override void Step(double[] p, double[] g)
        {
            _v ??= new double[p.Length];
            for (int i = 0; i < p.Length; i++)
            {
                _v[i] = alpha * _v[i] + (1 - alpha) * g[i] * g[i];
                p[i] -= lr * g[i] / (Math.Sqrt(_v[i]) + eps);
            }
        }
    }

    public sealed class Adam(double lr, double beta1, double beta2, double eps, double weightDecay) : PublishedUpdateRule
    {
        private double[]? _m, _v;
        private int _t;

        public override void Step(double[] p, double[] g)
        {
            _m ??= new double[p.Length];
            _v ??= new double[p.Length];
            _t++;
            for (int i = 0; i < p.Length; i++)
            {
                p[i] *= 1 - lr * weightDecay;
                _m[i] = beta1 * _m[i] + (1 - beta1) * g[i];
                _v[i] = beta2 * _v[i] + (1 - beta2) * g[i] * g[i];
                double mHat = _m[i] / (1 - Math.Pow(beta1, _t));
                double vHat = _v[i] / (1 - Math.Pow(beta2, _t));
                p[i] -= lr * mHat / (Math.Sqrt(vHat) + eps);
            }
        }
    }
}
