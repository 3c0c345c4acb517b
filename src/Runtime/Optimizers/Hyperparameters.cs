using System;
using System.Globalization;

namespace NetGen;

/// <summary>Argument checks shared by the optimizers and training options; messages name the value received.</summary>
internal static class Hyperparameters
{
    public static void RequirePositive(float value, string name)
    {
        if (!(value > 0) || float.IsInfinity(value))
            throw new ArgumentException($"{name} must be a positive finite number; it is {Format(value)}.", name);
    }

    /// <param name="value">The value to check.</param>
    /// <param name="name">The name the message uses.</param>
    /// <param name="parameter">The exception's parameter name when it differs from <paramref name="name"/> (an option inside an options object).</param>
    public static void RequireNonNegative(float value, string name, string? parameter = null)
    {
        if (!(value >= 0) || float.IsInfinity(value))
            throw new ArgumentException($"{name} must be a finite number of at least 0; it is {Format(value)}.", parameter ?? name);
    }

    /// <summary>Decay rates (betas, momentum, rho) live in [0, 1): at 1 the state never forgets and the bias correction divides by 0.</summary>
    public static void RequireDecayRate(float value, string name)
    {
        if (!(value >= 0 && value < 1))
            throw new ArgumentException($"{name} must be in [0, 1); it is {Format(value)}.", name);
    }

    public static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
