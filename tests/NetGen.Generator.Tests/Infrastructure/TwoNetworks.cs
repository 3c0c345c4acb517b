namespace NetGen.Generator.Tests.Infrastructure;

/// <summary>
/// Two small networks with different input and output sizes, for tests of what happens when one network's buffer or
/// size reaches another's members (the call-site analyzers, the typed buffers).
/// </summary>
internal static class TwoNetworks
{
    /// <summary><c>Iris</c> (4 in, 3 out) and <c>Other</c> (5 in, 2 out), in the global namespace.</summary>
    public const string Source = """
        using System;
        using NetGen;

        /// <summary>Four in, three out.</summary>
        [Network(4)]
        [Dense(8, Activation.Relu)]
        [Dense(3, Activation.Softmax)]
        public partial class Iris { }

        /// <summary>Five in, two out.</summary>
        [Network(5)]
        [Dense(2, Activation.Sigmoid)]
        public partial class Other { }

        """;
}
