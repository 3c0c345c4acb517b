using NetGen.Generator.Weights;
using Xunit;

namespace NetGen.Generator.Tests.EmbeddedWeights;

public class WeightsPathMatcherTests
{
    [Theory]
    [InlineData("/p/policy.safetensors", "policy.safetensors", null, true)]
    [InlineData("/p/w/policy.safetensors", "w/policy.safetensors", null, true)]
    [InlineData("/p/w/policy.safetensors", @"w\policy.safetensors", null, true)]
    [InlineData("/p/w/policy.safetensors", "./w/../w/policy.safetensors", null, true)]
    [InlineData("/p/mypolicy.safetensors", "policy.safetensors", null, false)]
    [InlineData(@"C:\Proj\Policy.safetensors", "policy.safetensors", null, true)]
    [InlineData("/p/policy.safetensors", "/p/policy.safetensors", "/elsewhere/", true)]
    [InlineData("/p/policy.safetensors", "policy.safetensors", "/p/", true)]
    [InlineData("/p/policy.safetensors", "policy.safetensors", "/q/", false)]
    [InlineData("/p/policy.safetensors", "../p/policy.safetensors", "/q/", true)]
    [InlineData("/p/policy.safetensors", "", null, false)]
    public void Matches(string file, string attribute, string? projectDir, bool expected) =>
        Assert.Equal(expected, WeightsPathMatcher.Matches(file, attribute, projectDir));
}
