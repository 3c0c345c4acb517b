using Xunit;
using static NetGen.Generator.Tests.Infrastructure.DiagnosticAssert;

namespace NetGen.Generator.Tests.Diagnostics;

/// <summary>Sound declarations: no NetGen diagnostic, and the generated part compiles warning-free at C# 9 with nullable on.</summary>
public class ValidDeclarationTests
{
    [Fact]
    public void LectureNetwork() => ReportsNothing("""
        using NetGen;
        /// <summary>The lecture's 3-3-1 network.</summary>
        [Network(3)]
        [Dense(3, Activation.Sigmoid)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Tiny { }
        """);

    [Fact]
    public void EveryOptionAtItsLegalEdges() => ReportsNothing("""
        using NetGen;
        namespace Game.AI
        {
            /// <summary>Uses every attribute argument, each at a legal extreme.</summary>
            [Network(inputs: 1, Loss = Loss.CategoricalCrossEntropy)]
            [Dense(5, Activation.LeakyRelu, Alpha = 0f, Init = Init.Normal)]
            [Dropout(0.999f)]
            [Dense(units: 4, activation: Activation.Elu, Alpha = 1e-3f)]
            [Dropout(rate: 1e-6f)]
            [Dense(3, Activation.Selu, Init = Init.He)]
            [Dense(2, Activation.Softmax)]
            internal sealed partial class Policy { }
        }
        """);

    [Fact]
    public void NestedInPartialTypesOfEveryKind() => ReportsNothing("""
        using NetGen;
        namespace Outer.Inner
        {
            /// <summary>Container.</summary>
            public static partial class Holder
            {
                /// <summary>Generic container.</summary>
                public partial struct Box<T>
                {
                    /// <summary>Network.</summary>
                    [Network(2, Loss = Loss.MeanSquaredError)]
                    [Dense(4, Activation.Tanh)]
                    [Dense(2, Activation.Sigmoid)]
                    public partial class Net { }
                }
            }
        }
        """);

    [Fact]
    public void MultipleNetworksAndPartialDeclarationsWithoutLayers() => ReportsNothing(
        """
        using NetGen;
        /// <summary>A.</summary>
        [Network(4)]
        [Dense(2, Activation.Softmax)]
        public partial class A { }
        /// <summary>B, in the global namespace.</summary>
        [Network(4, Loss = Loss.BinaryCrossEntropy)]
        [Dense(1, Activation.Sigmoid)]
        public partial class B { }
        """,
        """
        namespace X
        {
            /// <summary>A class named like a network elsewhere.</summary>
            public partial class A { }
        }
        /// <summary>A second part of A, with members but no layers.</summary>
        public partial class A
        {
            /// <summary>A user overload beside the generated Forward.</summary>
            public void Forward(float[] input, float[] output) { }
        }
        """);

    [Fact]
    public void FullyQualifiedAndAliasedAttributes() => ReportsNothing("""
        using D = NetGen.DenseAttribute;
        /// <summary>Qualified names and an alias.</summary>
        [NetGen.Network(3)]
        [D(2, NetGen.Activation.Relu)]
        [NetGen.DropoutAttribute(0.1f)]
        [NetGen.Dense(1)]
        public partial class Net { }
        """);
}
