namespace NetGen.Kernels;

/// <summary>
/// tanh(x) = x P(x^2) / Q(x^2) on [-7.905, 7.905], beyond which float tanh is exactly +-1: the rational minimax
/// approximation Eigen uses for float (generic_fast_tanh_float), accurate to a few ulp.
/// </summary>
internal static class TanhCoefficients
{
    public const float Clamp = 7.90531110763549805f;
    public const float Alpha1 = 4.89352455891786e-03f;
    public const float Alpha3 = 6.37261928875436e-04f;
    public const float Alpha5 = 1.48572235717979e-05f;
    public const float Alpha7 = 5.12229709037114e-08f;
    public const float Alpha9 = -8.60467152213735e-11f;
    public const float Alpha11 = 2.00018790482477e-13f;
    public const float Alpha13 = -2.76076847742355e-16f;
    public const float Beta0 = 4.89352518554385e-03f;
    public const float Beta2 = 2.26843463243900e-03f;
    public const float Beta4 = 1.18534705686654e-04f;
    public const float Beta6 = 1.19825839466702e-06f;
}

/// <summary>
/// exp(x) = 2^n e^r with n = round(x / ln 2) and |r| &lt;= ln 2 / 2: r is x - n ln 2 with ln 2 split in two so the
/// product n ln 2 is exact to float precision (Cody-Waite), and e^r is Cephes' degree-6 polynomial for expf. The
/// argument is clamped to [-87.33, 88] so 2^n stays a normal float (see <see cref="ActivationKernels.Exp(float)"/>).
/// </summary>
internal static class ExpCoefficients
{
    public const float Min = -87.33654f;
    public const float Max = 88f;
    public const float Log2E = 1.44269504088896341f;
    public const float Ln2High = 0.693359375f;
    public const float Ln2Low = -2.12194440e-4f;
    public const float RoundingShift = 12582912f; // 1.5 * 2^23: adding it rounds a float below 2^22 to an integer
    public const float P0 = 1.9875691500e-4f;
    public const float P1 = 1.3981999507e-3f;
    public const float P2 = 8.3334519073e-3f;
    public const float P3 = 4.1665795894e-2f;
    public const float P4 = 1.6666665459e-1f;
    public const float P5 = 5.0000001201e-1f;
}
