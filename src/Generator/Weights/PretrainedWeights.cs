namespace NetGen.Generator.Weights;

/// <summary>The parameters to bake into one network, in its <c>Parameters</c> layout, as the file's little-endian F32 bytes.</summary>
/// <param name="FileName">The file name for the generated documentation.</param>
/// <param name="Parameters">4 bytes per parameter, exactly as stored in the file.</param>
internal sealed record PretrainedWeights(string FileName, ByteBlob Parameters);
