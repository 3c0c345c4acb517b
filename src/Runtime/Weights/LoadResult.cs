using System.Collections.Generic;

namespace NetGen;

/// <summary>What <see cref="WeightFileExtensions.Load"/> found in a weight file besides the parameters it loaded.</summary>
public sealed class LoadResult
{
    internal LoadResult(Standardizer? standardizer, IReadOnlyDictionary<string, string> metadata, bool usedPyTorchNames)
    {
        Standardizer = standardizer;
        Metadata = metadata;
        UsedPyTorchNames = usedPyTorchNames;
    }

    /// <summary>The standardizer saved with the weights, or null if none was: apply it to every input before <c>Forward</c>.</summary>
    public Standardizer? Standardizer { get; }

    /// <summary>The saved network's <see cref="NetworkArchitecture.ToString"/>, or null for files not written by NetGen.</summary>
    public string? Architecture => Metadata.TryGetValue(WeightFileMetadata.ArchitectureKey, out string? a) ? a : null;

    /// <summary>The file's whole <c>__metadata__</c> map (empty when it has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Whether the tensors were matched by PyTorch <c>nn.Sequential</c> names (<c>0.weight</c>, <c>2.weight</c>, ...) rather than NetGen's <c>layers.{i}.*</c>.</summary>
    public bool UsedPyTorchNames { get; }
}
