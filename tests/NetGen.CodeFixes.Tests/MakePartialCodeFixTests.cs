using Xunit;

namespace NetGen.CodeFixes.Tests;

public sealed class MakePartialCodeFixTests
{
    private static readonly MakePartialCodeFixProvider Provider = new();

    [Fact]
    public void NG0001_adds_partial_after_the_other_modifiers()
    {
        CodeFixHarness.AssertFix(Provider, "NG0001",
            before: """
            using NetGen;

            namespace Demo
            {
                [Network(3)]
                [Dense(1, Activation.Sigmoid)]
                public sealed class Tiny
                {
                }
            }
            """,
            title: "Make 'Tiny' partial",
            after: """
            using NetGen;

            namespace Demo
            {
                [Network(3)]
                [Dense(1, Activation.Sigmoid)]
                public sealed partial class Tiny
                {
                }
            }
            """);
    }

    [Fact]
    public void NG0001_on_a_class_without_modifiers_keeps_its_indentation_and_comment()
    {
        CodeFixHarness.AssertFix(Provider, "NG0001",
            before: """
            using NetGen;

            namespace Demo
            {
                [Network(3)]
                [Dense(1, Activation.Sigmoid)]
                /* the policy */ class Tiny { }
            }
            """,
            title: "Make 'Tiny' partial",
            after: """
            using NetGen;

            namespace Demo
            {
                [Network(3)]
                [Dense(1, Activation.Sigmoid)]
                /* the policy */ partial class Tiny { }
            }
            """);
    }

    [Fact]
    public void NG0001_in_non_partial_containing_types_makes_the_whole_chain_partial()
    {
        CodeFixHarness.AssertFix(Provider, "NG0001",
            before: """
            using NetGen;

            public static class Game
            {
                internal class Agents
                {
                    [Network(3)]
                    [Dense(1, Activation.Sigmoid)]
                    public class Tiny { }
                }
            }
            """,
            title: "Make 'Tiny' and its containing types partial",
            after: """
            using NetGen;

            public static partial class Game
            {
                internal partial class Agents
                {
                    [Network(3)]
                    [Dense(1, Activation.Sigmoid)]
                    public partial class Tiny { }
                }
            }
            """);
    }

    [Fact]
    public void NG0017_makes_the_containing_type_partial()
    {
        CodeFixHarness.AssertFix(Provider, "NG0017",
            before: """
            using NetGen;

            public class Outer
            {
                [Network(3)]
                [Dense(1, Activation.Sigmoid)]
                public partial class Tiny { }
            }
            """,
            title: "Make 'Outer' partial",
            after: """
            using NetGen;

            public partial class Outer
            {
                [Network(3)]
                [Dense(1, Activation.Sigmoid)]
                public partial class Tiny { }
            }
            """);
    }
}
