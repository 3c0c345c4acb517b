using System.Runtime.CompilerServices;
using NetGen;

[assembly: InternalsVisibleTo("NetGen.Tests")]

/// <summary>A network in the global namespace.</summary>
[Network(5)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
public partial class GlobalNamespaceNetwork { }

namespace NetGen.TestNetworks
{
    /// <summary>A containing class, so the generator must reopen it as a partial type.</summary>
    public partial class Container
    {
        /// <summary>A network nested in <see cref="Container"/>.</summary>
        [Network(6)]
        [Dense(5, Activation.Relu)]
        [Dense(1, Activation.Sigmoid)]
        public partial class NestedNetwork { }
    }

    /// <summary>An internal sealed network: the generated part must not repeat or contradict the modifiers.</summary>
    [Network(4)]
    [Dense(3, Activation.Selu)]
    [Dense(2)]
    internal sealed partial class InternalSealedNetwork { }

    /// <summary>A layer wide enough that scratch exceeds the stackalloc limit and comes from thread-static arrays.</summary>
    [Network(7)]
    [Dense(2500, Activation.Relu)]
    [Dense(3)]
    public partial class WideNetwork { }
}
