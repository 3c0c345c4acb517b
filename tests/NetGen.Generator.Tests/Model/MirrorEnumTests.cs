using System;
using System.Linq;
using NetGen.Generator.Model;
using Xunit;

namespace NetGen.Generator.Tests.Model;

/// <summary>
/// The generator runs inside the compiler and cannot reference NetGen.Runtime, so it mirrors the runtime's enums;
/// attribute arguments arrive as numbers, so the mirrors must match name for name and value for value.
/// </summary>
public class MirrorEnumTests
{
    [Theory]
    [InlineData(typeof(Activation), typeof(ActivationKind))]
    [InlineData(typeof(Loss), typeof(LossKind))]
    [InlineData(typeof(Init), typeof(InitKind))]
    public void MirrorMatchesRuntimeEnum(Type runtime, Type mirror)
    {
        var expected = Enum.GetValues(runtime).Cast<object>().Select(v => (Enum.GetName(runtime, v), Convert.ToInt32(v)));
        var actual = Enum.GetValues(mirror).Cast<object>().Select(v => (Enum.GetName(mirror, v), Convert.ToInt32(v)));
        Assert.Equal(expected, actual);
        Assert.Equal(Enum.GetUnderlyingType(runtime), Enum.GetUnderlyingType(mirror));
    }
}
