// Added by the package test for the second build, beside iris.safetensors that the first run wrote into the project
// folder: the package's buildTransitive targets make that file an AdditionalFile without any project-file edit.
using NetGen;

[Network(4)]
[Dense(16, Activation.Relu)]
[Dense(3, Activation.Softmax)]
[EmbeddedWeights("iris.safetensors")]
public partial class BakedIris;

internal static partial class BakedReport
{
    static partial void DescribeBaked(float[] flower, ref string description)
    {
        BakedIris baked = BakedIris.CreatePretrained();
        description = "class " + baked.Classify(flower);
    }
}
