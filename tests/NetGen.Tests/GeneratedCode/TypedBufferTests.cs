using System;
using System.Linq;
using System.Runtime.CompilerServices;
using NetGen.Kernels;
using NetGen.TestNetworks;
using Xunit;

namespace NetGen.Tests.GeneratedCode;

/// <summary>
/// The generated <c>Input</c>/<c>Output</c> structs and the <c>Forward(in Input, out Output)</c> and <c>Classify(in Input)</c>
/// overloads, on networks compiled by the real build (netstandard2.1 and net8.0, C# 9): the typed calls give the span calls'
/// results bit for bit and allocate nothing, and the structs hold every element, check their indices and lengths, and
/// compare by all of them.
/// </summary>
public class TypedBufferTests
{
    /// <summary>A network and its typed calls, which differ per network only in the struct types.</summary>
    public sealed record TypedCase(string Name, INetwork Network, Func<float[], float[], int> ForwardTyped, Func<float[], int> ClassifyTyped)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<string> Cases => new() { "Tiny", "SoftmaxExample", "Control16", "Mnist128", "DropoutClassifier", "WideNetwork", "Container.NestedNetwork", "GlobalNamespaceNetwork", "BatchedShapes" };

    /// <summary>Forward(in, out) into <c>y</c>, returning the output's <c>IndexOfMax()</c>; Classify(in).</summary>
    private static TypedCase Create(string name) => name switch
    {
        "Tiny" => Case(name, new Tiny(), (n, x, y) => { var i = Tiny.Input.Create(x); n.Forward(in i, out Tiny.Output o); o.CopyTo(y); return o.IndexOfMax(); }, (n, x) => n.Classify(Tiny.Input.Create(x))),
        "SoftmaxExample" => Case(name, new SoftmaxExample(), (n, x, y) => { var i = SoftmaxExample.Input.Create(x); n.Forward(in i, out SoftmaxExample.Output o); o.CopyTo(y); return o.IndexOfMax(); }, (n, x) => n.Classify(SoftmaxExample.Input.Create(x))),
        "Control16" => Case(name, new Control16(), (n, x, y) => { var i = Control16.Input.Create(x); n.Forward(in i, out Control16.Output o); o.CopyTo(y); return o.IndexOfMax(); }, (n, x) => n.Classify(Control16.Input.Create(x))),
        "Mnist128" => Case(name, new Mnist128(), (n, x, y) => { var i = Mnist128.Input.Create(x); n.Forward(in i, out Mnist128.Output o); o.CopyTo(y); return o.IndexOfMax(); }, (n, x) => n.Classify(Mnist128.Input.Create(x))),
        "DropoutClassifier" => Case(name, new DropoutClassifier(), (n, x, y) => { var i = DropoutClassifier.Input.Create(x); n.Forward(in i, out DropoutClassifier.Output o); o.CopyTo(y); return o.IndexOfMax(); }, (n, x) => n.Classify(DropoutClassifier.Input.Create(x))),
        "WideNetwork" => Case(name, new WideNetwork(), (n, x, y) => { var i = WideNetwork.Input.Create(x); n.Forward(in i, out WideNetwork.Output o); o.CopyTo(y); return o.IndexOfMax(); }, (n, x) => n.Classify(WideNetwork.Input.Create(x))),
        "Container.NestedNetwork" => Case(name, new Container.NestedNetwork(), (n, x, y) => { var i = Container.NestedNetwork.Input.Create(x); n.Forward(in i, out Container.NestedNetwork.Output o); o.CopyTo(y); return o.IndexOfMax(); }, (n, x) => n.Classify(Container.NestedNetwork.Input.Create(x))),
        "GlobalNamespaceNetwork" => Case(name, new GlobalNamespaceNetwork(), (n, x, y) => { var i = GlobalNamespaceNetwork.Input.Create(x); n.Forward(in i, out GlobalNamespaceNetwork.Output o); o.CopyTo(y); return o.IndexOfMax(); }, (n, x) => n.Classify(GlobalNamespaceNetwork.Input.Create(x))),
        "BatchedShapes" => Case(name, new BatchedShapes(), (n, x, y) => { var i = BatchedShapes.Input.Create(x); n.Forward(in i, out BatchedShapes.Output o); o.CopyTo(y); return o.IndexOfMax(); }, (n, x) => n.Classify(BatchedShapes.Input.Create(x))),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no typed case for this network"),
    };

    private static TypedCase Case<TNetwork>(string name, TNetwork network, Func<TNetwork, float[], float[], int> forward, Func<TNetwork, float[], int> classify)
        where TNetwork : INetwork =>
        new(name, network, (x, y) => forward(network, x, y), x => classify(network, x));

    [Theory]
    [MemberData(nameof(Cases))]
    public void TypedForwardAndClassify_AreTheSpanOverloadsResults_BitForBit(string name)
    {
        TypedCase c = Create(name);
        NetworkCatalog.Randomize(c.Network, seed: 3);
        var random = new Random(4);
        for (int trial = 0; trial < 25; trial++)
        {
            float[] x = NetworkCatalog.RandomInput(c.Network.InputSize, random);
            var expected = new float[c.Network.OutputSize];
            c.Network.Forward(x, expected);
            var actual = new float[c.Network.OutputSize];
            int indexOfMax = c.ForwardTyped(x, actual);

            Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
            int classified = c.Network.Classify(x);
            Assert.Equal(classified, c.ClassifyTyped(x));
            Assert.Equal(classified, indexOfMax);
        }
    }

    [Theory]
    [InlineData("Control16")]
    [InlineData("Mnist128")]
    [InlineData("DropoutClassifier")]
    [InlineData("WideNetwork")]
    public void TypedForwardAndClassify_AllocateNothing(string name)
    {
        Action exercise = name switch
        {
            "Control16" => Exercise(new Control16(), Control16.Input.Create(RandomInput(Control16.InputSize)), (n, in input) => { n.Forward(in input, out Control16.Output o); return o[0] + n.Classify(in input); }),
            "Mnist128" => Exercise(new Mnist128(), Mnist128.Input.Create(RandomInput(Mnist128.InputSize)), (n, in input) => { n.Forward(in input, out Mnist128.Output o); return o[0] + n.Classify(in input); }),
            "DropoutClassifier" => Exercise(new DropoutClassifier(), DropoutClassifier.Input.Create(RandomInput(DropoutClassifier.InputSize)), (n, in input) => { n.Forward(in input, out DropoutClassifier.Output o); return o[0] + n.Classify(in input); }),
            "WideNetwork" => Exercise(new WideNetwork(), WideNetwork.Input.Create(RandomInput(WideNetwork.InputSize)), (n, in input) => { n.Forward(in input, out WideNetwork.Output o); return o[0] + n.Classify(in input); }),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

        SteadyStateAllocations.AssertNone(exercise);
    }

    private delegate float TypedCall<TNetwork, TInput>(TNetwork network, in TInput input);

    private static float[] RandomInput(int length) => NetworkCatalog.RandomInput(length, new Random(2));

    /// <summary>50 typed calls on an input held in a box allocated here, outside the measured window.</summary>
    private static Action Exercise<TNetwork, TInput>(TNetwork network, TInput input, TypedCall<TNetwork, TInput> call)
        where TNetwork : INetwork
        where TInput : struct
    {
        NetworkCatalog.Randomize(network, seed: 1);
        var holder = new StrongBox<TInput>(input);
        return () =>
        {
            float sum = 0;
            for (int i = 0; i < 50; i++) sum += call(network, in holder.Value);
            Assert.False(float.IsNaN(sum));
        };
    }

    [Fact]
    public void TheStructsAreTheirLengthInFloats_AndACopyCarriesEveryElement()
    {
        Assert.Equal(784 * sizeof(float), Unsafe.SizeOf<Mnist128.Input>());
        Assert.Equal(10 * sizeof(float), Unsafe.SizeOf<Mnist128.Output>());
        Assert.Equal(7 * sizeof(float), Unsafe.SizeOf<WideNetwork.Input>());
        Assert.Equal(Mnist128.InputSize, Mnist128.Input.Length);
        Assert.Equal(Mnist128.OutputSize, Mnist128.Output.Length);

        Mnist128.Input a = default;
        Assert.All(Mnist128.Input.AsReadOnlySpan(in a).ToArray(), v => Assert.Equal(0f, v));
        a[0] = 1;
        a[783] = 2;
        Mnist128.Input b = a;
        b[783] = 3;
        Assert.Equal(2f, a[783]);
        Assert.Equal(3f, b[783]);
        Assert.Equal(1f, b[0]);
    }

    [Fact]
    public void Indexer_SpansAndCopies_ReachTheSameElements()
    {
        var values = new float[] { 0.5f, -1f, 2f };
        Tiny.Input input = Tiny.Input.Create(values);
        Assert.Equal(values, new[] { input[0], input[1], input[2] });

        Span<float> span = Tiny.Input.AsSpan(ref input);
        Assert.Equal(3, span.Length);
        span[1] = 7;
        Assert.Equal(7f, input[1]);
        input[2] = -3;
        Assert.Equal(-3f, Tiny.Input.AsReadOnlySpan(in input)[2]);

        var copied = new float[3];
        input.CopyTo(copied);
        Assert.Equal(new[] { 0.5f, 7f, -3f }, copied);
        input.CopyFrom(new float[] { 9, 8, 7 });
        Assert.Equal(new[] { 9f, 8f, 7f }, Tiny.Input.AsReadOnlySpan(in input).ToArray());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void Indexer_OutsideTheBuffer_ThrowsNamingTheIndexAndLength(int index)
    {
        Tiny.Input input = default;
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => input[index]);
        Assert.Equal("index", e.ParamName);
        Assert.Equal(index, e.ActualValue);
        Assert.StartsWith($"index is {index}; Tiny.Input has Length = 3, so the index must be 0 to 2.", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => { Tiny.Input local = default; local[index] = 1; });
        Assert.Equal("index", e.ParamName);

        SoftmaxExample.Output output = default;
        e = Assert.Throws<ArgumentOutOfRangeException>(() => output[index]);
        Assert.StartsWith($"index is {index}; SoftmaxExample.Output has Length = 3", e.Message);
    }

    [Fact]
    public void CopyFromCopyToAndCreate_RejectTheWrongLength()
    {
        Tiny.Input input = default;
        var e = Assert.Throws<ArgumentException>(() => input.CopyFrom(new float[2]));
        Assert.Equal("values", e.ParamName);
        Assert.StartsWith("values has 2 elements; Tiny.Input expects Length = 3.", e.Message);
        e = Assert.Throws<ArgumentException>(() => input.CopyTo(new float[4]));
        Assert.Equal("destination", e.ParamName);
        Assert.StartsWith("destination has 4 elements; Tiny.Input expects Length = 3.", e.Message);
        e = Assert.Throws<ArgumentException>(() => Mnist128.Output.Create(new float[11]));
        Assert.StartsWith("values has 11 elements; Mnist128.Output expects Length = 10.", e.Message);
        // A rejected copy leaves the buffer as it was.
        Assert.Equal(new float[3], Tiny.Input.AsReadOnlySpan(in input).ToArray());
    }

    [Fact]
    public void Equality_ComparesEveryElement()
    {
        var x = NetworkCatalog.RandomInput(784, new Random(9));
        Mnist128.Input a = Mnist128.Input.Create(x), b = Mnist128.Input.Create(x);
        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());

        // The default ValueType.Equals would see only the one declared field, the first element.
        b[783] += 1;
        Assert.False(a.Equals(b));
        Assert.False(a.Equals((object)b));
        Assert.False(a.Equals(null));
        Assert.False(a.Equals((object)Mnist128.Output.Create(new float[10])));

        // As float.Equals: NaN equals NaN, 0 equals -0, with equal hashes.
        Tiny.Input nan = Tiny.Input.Create(new[] { float.NaN, 0f, 1f });
        Tiny.Input otherNan = Tiny.Input.Create(new[] { BitConverter.Int32BitsToSingle(unchecked((int)0xFFC00001)), -0f, 1f });
        Assert.True(nan.Equals(otherNan));
        Assert.Equal(nan.GetHashCode(), otherNan.GetHashCode());
    }

    [Fact]
    public void IndexOfMax_TakesTheFirstOfTiedMaxima()
    {
        SoftmaxExample.Output output = SoftmaxExample.Output.Create(new[] { 1f, 3f, 3f });
        Assert.Equal(1, output.IndexOfMax());
        Assert.Equal(0, default(SoftmaxExample.Output).IndexOfMax());
    }

    [Fact]
    public void ReadOnlyMembersOnAReadOnlyBuffer_ReadItInPlace()
    {
        // Through an `in` reference the readonly members run on the buffer itself: the span they read aliases it.
        var holder = new StrongBox<Mnist128.Input>(default);
        holder.Value[5] = 4;
        ref readonly Mnist128.Input view = ref holder.Value;
        Assert.True(Unsafe.AreSame(ref Unsafe.AsRef(in view), ref holder.Value));
        ReadOnlySpan<float> span = Mnist128.Input.AsReadOnlySpan(in view);
        holder.Value[6] = 5;
        Assert.Equal(4f, span[5]);
        Assert.Equal(5f, span[6]);
        Assert.Equal(5f, view[6]);
    }

    [Fact]
    public void TheDebuggerShowsTheElements()
    {
        // What Visual Studio and Rider do with the attributes: show the display string, and expand the proxy's Items.
        var display = (System.Diagnostics.DebuggerDisplayAttribute)Attribute.GetCustomAttribute(typeof(Mnist128.Input), typeof(System.Diagnostics.DebuggerDisplayAttribute))!;
        Assert.Equal("Length = 784", display.Value);
        var proxy = (System.Diagnostics.DebuggerTypeProxyAttribute)Attribute.GetCustomAttribute(typeof(Tiny.Input), typeof(System.Diagnostics.DebuggerTypeProxyAttribute))!;
        Type view = typeof(Tiny.Input).Assembly.GetType(proxy.ProxyTypeName.Split(',')[0], throwOnError: true)!;
        object instance = Activator.CreateInstance(view, Tiny.Input.Create(new[] { 1f, -2f, 3f }))!;
        Assert.Equal(new[] { 1f, -2f, 3f }, (float[])view.GetProperty("Items")!.GetValue(instance)!);
    }

    [Fact]
    public void FixedBuffer_TheNetstandardPath_PassesTheSameReferenceThrough()
    {
        // The function-pointer identity netstandard2.1 builds use in place of Unsafe.AsRef: compiled on every target so
        // it runs here.
        var values = new float[] { 1, 2, 3, 4 };
        ref float first = ref FixedBuffer.AsMutableThroughFunctionPointer(in values[1]);
        Assert.True(Unsafe.AreSame(ref first, ref values[1]));
        first = 9;
        Assert.Equal(9f, values[1]);
        Unsafe.Add(ref first, 2) = 8;
        Assert.Equal(8f, values[3]);

        Assert.Equal(new[] { 9f, 3f }, FixedBuffer.AsReadOnlySpan(in values[1], 2).ToArray());
        Assert.False(FixedBuffer.SequenceEqual(values, values.AsSpan(1)));
        Assert.True(FixedBuffer.SequenceEqual(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty));
    }

    [Fact]
    public void BuffersAsFields_AndInParameters_CompileAndRunWithoutCopies()
    {
        var agent = new Agent();
        agent.Observe(new float[] { 0.25f, -0.5f, 1f });
        int action = agent.Act();
        var expected = new float[1];
        agent.Network.Forward(new float[] { 0.25f, -0.5f, 1f }, expected);
        Assert.Equal(agent.Network.Classify(new float[] { 0.25f, -0.5f, 1f }), action);
        Assert.Equal(expected[0], agent.LastOutput[0]);
    }

    /// <summary>The shape an IDE user writes: buffers as fields, filled in place, passed by <c>in</c>.</summary>
    private sealed class Agent
    {
        private Tiny.Input _observation;

        public Tiny Network { get; } = new(seed: 2);

        public Tiny.Output LastOutput;

        public void Observe(ReadOnlySpan<float> sensors) => _observation.CopyFrom(sensors);

        public int Act()
        {
            Network.Forward(in _observation, out LastOutput);
            return Network.Classify(in _observation);
        }
    }
}
