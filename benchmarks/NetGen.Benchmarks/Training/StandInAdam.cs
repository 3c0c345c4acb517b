using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace NetGen.Benchmarks.Training;

/// <summary>
/// Adam as <c>torch.optim.Adam</c> computes it (no weight decay, no amsgrad), for the training benchmark until the
/// runtime's <c>Fit</c> and <c>Adam</c> land on main; then the benchmark drives <c>Fit</c> and this file goes.
/// The gradient is the batch's summed gradient, scaled by 1/m here, as PyTorch's mean-reduced loss does.
/// </summary>
public sealed class StandInAdam
{
    private const float Beta1 = 0.9f, Beta2 = 0.999f, Epsilon = 1e-8f;
    private readonly float _learningRate;
    private readonly float[] _m, _v;
    private int _step;

    public StandInAdam(int parameterCount, float learningRate)
    {
        _learningRate = learningRate;
        _m = new float[parameterCount];
        _v = new float[parameterCount];
    }

    public void Step(Span<float> parameters, ReadOnlySpan<float> summedGradients, int batchSize)
    {
        _step++;
        float scale = 1f / batchSize;
        float correction1 = 1f - MathF.Pow(Beta1, _step);
        float stepSize = _learningRate / correction1;
        float inverseSqrtCorrection2 = 1f / MathF.Sqrt(1f - MathF.Pow(Beta2, _step));
        Span<Vector<float>> p = MemoryMarshal.Cast<float, Vector<float>>(parameters);
        ReadOnlySpan<Vector<float>> g = MemoryMarshal.Cast<float, Vector<float>>(summedGradients);
        Span<Vector<float>> m = MemoryMarshal.Cast<float, Vector<float>>(_m.AsSpan());
        Span<Vector<float>> v = MemoryMarshal.Cast<float, Vector<float>>(_v.AsSpan());
        for (int i = 0; i < p.Length; i++)
        {
            Vector<float> gradient = g[i] * scale;
            m[i] = m[i] * Beta1 + gradient * (1f - Beta1);
            v[i] = v[i] * Beta2 + gradient * gradient * (1f - Beta2);
            p[i] -= stepSize * m[i] / (Vector.SquareRoot(v[i]) * inverseSqrtCorrection2 + new Vector<float>(Epsilon));
        }

        for (int i = p.Length * Vector<float>.Count; i < parameters.Length; i++)
        {
            float gradient = summedGradients[i] * scale;
            _m[i] = _m[i] * Beta1 + gradient * (1f - Beta1);
            _v[i] = _v[i] * Beta2 + gradient * gradient * (1f - Beta2);
            parameters[i] -= stepSize * _m[i] / (MathF.Sqrt(_v[i]) * inverseSqrtCorrection2 + Epsilon);
        }
    }
}
