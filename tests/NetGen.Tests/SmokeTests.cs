using NetGen.TestNetworks;
using Xunit;

namespace NetGen.Tests;

public class SmokeTests
{
    [Fact]
    public void Constants() => Assert.Equal(16, NetGen.TestNetworks.Tiny.ParameterCount);
}
