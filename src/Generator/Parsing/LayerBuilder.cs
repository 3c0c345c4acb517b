using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>One Dense layer while the parser still collects it: its attribute, its settings, and the Dropout that follows it.</summary>
internal sealed class LayerBuilder
{
    /// <summary>PyTorch's <c>nn.LeakyReLU</c> default negative slope.</summary>
    public const float DefaultLeakyReluAlpha = 0.01f;

    /// <summary>PyTorch's <c>nn.ELU</c> default alpha.</summary>
    public const float DefaultEluAlpha = 1.0f;

    public LayerBuilder(int index, int units, Activation activation, AttributeReader attribute)
    {
        Index = index;
        Units = units;
        Activation = activation;
        Attribute = attribute;
    }

    public int Index { get; }

    public int Units { get; }

    public Activation Activation { get; }

    public AttributeReader Attribute { get; }

    public float? Alpha { get; set; }

    public Init Init { get; set; }

    public float DropoutRate { get; set; }

    /// <summary>Whether a Dropout attribute follows this layer.</summary>
    public bool HasDropoutAttribute { get; set; }

    /// <summary>Where that Dropout attribute is (the last one when there are several).</summary>
    public LocationInfo? DropoutLocation { get; set; }

    public float EffectiveAlpha => Activation switch
    {
        Activation.LeakyRelu => Alpha ?? DefaultLeakyReluAlpha,
        Activation.Elu => Alpha ?? DefaultEluAlpha,
        _ => 0f,
    };
}
