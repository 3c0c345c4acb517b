using System.Numerics;
using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using NetGen.Kernels.Batch;
#endif

namespace NetGen.Kernels;

/// <summary>
/// One activation as <see cref="ActivationKernels"/>' vector loop applies it: a struct, so each instantiation of the loop
/// is compiled for it and the call inlines.
/// </summary>
internal interface IElementwiseOperation
{
#if NET8_0_OR_GREATER
    /// <summary>The activation of every lane of <paramref name="value"/>.</summary>
    TVector Apply<TWidth, TVector>(TVector value)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct;
#else
    /// <summary>The activation of every lane of <paramref name="value"/>.</summary>
    Vector<float> Apply(Vector<float> value);
#endif
}

internal readonly struct TanhOperation : IElementwiseOperation
{
#if NET8_0_OR_GREATER
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Apply<TWidth, TVector>(TVector value) where TWidth : struct, IVectorWidth<TVector> where TVector : struct =>
        VectorActivations<TWidth, TVector>.Tanh(value);
#else
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> Apply(Vector<float> value) => PortableActivations.Tanh(value);
#endif
}

internal readonly struct ExpOperation : IElementwiseOperation
{
#if NET8_0_OR_GREATER
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Apply<TWidth, TVector>(TVector value) where TWidth : struct, IVectorWidth<TVector> where TVector : struct =>
        VectorActivations<TWidth, TVector>.Exp(value);
#else
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> Apply(Vector<float> value) => PortableActivations.Exp(value);
#endif
}

internal readonly struct SigmoidOperation : IElementwiseOperation
{
#if NET8_0_OR_GREATER
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Apply<TWidth, TVector>(TVector value) where TWidth : struct, IVectorWidth<TVector> where TVector : struct =>
        VectorActivations<TWidth, TVector>.Sigmoid(value);
#else
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> Apply(Vector<float> value) => PortableActivations.Sigmoid(value);
#endif
}

internal readonly struct SoftsignOperation : IElementwiseOperation
{
#if NET8_0_OR_GREATER
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Apply<TWidth, TVector>(TVector value) where TWidth : struct, IVectorWidth<TVector> where TVector : struct =>
        VectorActivations<TWidth, TVector>.Softsign(value);
#else
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> Apply(Vector<float> value) => PortableActivations.Softsign(value);
#endif
}

internal readonly struct ExponentialLinearOperation : IElementwiseOperation
{
    private readonly float _positiveScale, _negativeScale;

    public ExponentialLinearOperation(float positiveScale, float negativeScale)
    {
        _positiveScale = positiveScale;
        _negativeScale = negativeScale;
    }

#if NET8_0_OR_GREATER
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Apply<TWidth, TVector>(TVector value) where TWidth : struct, IVectorWidth<TVector> where TVector : struct =>
        VectorActivations<TWidth, TVector>.ExponentialLinear(value, TWidth.Broadcast(_positiveScale), TWidth.Broadcast(_negativeScale));
#else
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> Apply(Vector<float> value) =>
        PortableActivations.ExponentialLinear(value, new Vector<float>(_positiveScale), new Vector<float>(_negativeScale));
#endif
}

internal readonly struct RectifyOperation : IElementwiseOperation
{
    private readonly float _slope;

    public RectifyOperation(float slope) => _slope = slope;

#if NET8_0_OR_GREATER
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector Apply<TWidth, TVector>(TVector value) where TWidth : struct, IVectorWidth<TVector> where TVector : struct =>
        VectorActivations<TWidth, TVector>.Rectify(value, TWidth.Broadcast(_slope));
#else
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> Apply(Vector<float> value) => PortableActivations.Rectify(value, new Vector<float>(_slope));
#endif
}
