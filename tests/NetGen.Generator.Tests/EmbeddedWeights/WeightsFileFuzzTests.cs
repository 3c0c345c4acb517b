using System;
using System.Linq;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generator.Tests.EmbeddedWeights;

/// <summary>Hostile weights files: the generator never crashes, and either reports one NG0031-NG0035 error or embeds.</summary>
public class WeightsFileFuzzTests
{
    [Fact]
    public void TruncationsAndByteFlips_NeverCrash()
    {
        byte[] valid = SafetensorsBuilder.ForLayers(3, CreatePretrainedTests.Units, CreatePretrainedTests.Tricky).Build();
        var random = new Random(20241123);
        var cases = Enumerable.Range(0, valid.Length).Select(n => valid.AsSpan(0, n).ToArray()).ToList();
        for (int i = 0; i < 300; i++)
        {
            byte[] flipped = (byte[])valid.Clone();
            for (int k = random.Next(1, 4); k > 0; k--) flipped[random.Next(flipped.Length)] = (byte)random.Next(256);
            cases.Add(flipped);
        }

        int embedded = 0, rejected = 0;
        foreach (byte[] bytes in cases)
        {
            using var file = WeightsAdditionalText.Create("policy.safetensors", bytes);
            GeneratorRun run = EmbeddedWeightsRun.Run(CreatePretrainedTests.Network, file);
            run.AssertNoCrash();
            string[] ids = run.NetGenDiagnostics().Select(d => d.Id).ToArray();
            if (ids.Length == 0)
            {
                embedded++;
                Assert.Contains("CreatePretrained", run.MainSource);
            }
            else
            {
                rejected++;
                Assert.Single(ids);
                Assert.Contains(ids[0], new[] { "NG0031", "NG0032", "NG0033", "NG0034", "NG0035" });
            }
        }

        // Every truncation must be rejected; flips that land in float data legitimately embed different finite values.
        Assert.True(rejected >= valid.Length, $"{rejected} rejected, {embedded} embedded");
    }
}
