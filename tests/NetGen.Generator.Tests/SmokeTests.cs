using Xunit;

namespace NetGen.Generator.Tests;

public class SmokeTests
{
    [Fact]
    public void VersionIsSet() => Assert.Equal("0.1.0", NetworkGenerator.Version);
}
