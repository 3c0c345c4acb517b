using System;
using System.Globalization;
using System.Text;

namespace NetGen;

// The architecture as text for people and for the compiler: the Keras-style summary and the attribute declaration.
public sealed partial class NetworkArchitecture
{
    private const string SummaryRowFormat = " {0,-22}{1,-16}{2,-22}{3,12}";

    /// <summary>
    /// One line per layer with output shapes and parameter counts, like Keras <c>summary()</c>: the same table a generated
    /// class's <c>Summary()</c> returns. Parameter counts are the sums of each layer's <see cref="LayerInfo.Tensors"/>.
    /// </summary>
    /// <param name="modelName">The name on the table's first line, such as the class name.</param>
    public string Summary(string modelName)
    {
        if (modelName is null) throw new ArgumentNullException(nameof(modelName));
        var text = new StringBuilder();
        string rule = new('_', 73), doubleRule = new('=', 73);
        text.Append("Model: \"").Append(modelName).Append("\"\n");
        text.Append(rule).Append('\n');
        text.Append(SummaryRow("Layer (type)", "Output shape", "Activation", "Param #")).Append('\n');
        text.Append(doubleRule).Append('\n');
        text.Append(SummaryRow("input (Input)", Shape(InputSize), "", "0")).Append('\n');
        long total = 0;
        for (int l = 0; l < _layers.Length; l++)
        {
            LayerInfo layer = _layers[l];
            long parameters = 0;
            foreach (ParameterTensor tensor in layer.Tensors) parameters += tensor.Length;
            total += parameters;
            string activation = layer.Activation.ToString();
            if (layer.Activation is Activation.LeakyRelu or Activation.Elu) activation += "(" + Invariant(layer.Alpha) + ")";
            text.Append(SummaryRow($"dense_{l} (Dense)", Shape(layer.Units), activation, Count(parameters))).Append('\n');
            if (layer.DropoutRate > 0f)
                text.Append(SummaryRow($"dropout_{l} (Dropout)", Shape(layer.Units), "rate " + Invariant(layer.DropoutRate), "0")).Append('\n');
        }

        text.Append(doubleRule).Append('\n');
        text.Append("Total params: ").Append(Count(total)).Append('\n');
        text.Append("Loss: ").Append(Loss);
        return text.ToString();
    }

    /// <summary>
    /// The C# source of a class the NetGen generator turns into this network: <c>using NetGen;</c>, then
    /// <c>[Network]</c>, one <c>[Dense]</c> per layer with a <c>[Dropout]</c> after it where the layer has one, and an
    /// empty <c>public partial class</c>. Arguments equal to the defaults (the loss <c>Auto</c> would choose, the default
    /// alpha, the activation's default <c>Init</c>) are left out, so the text reads as a person would write it; the
    /// generated class's <c>Architecture</c> equals this one.
    /// </summary>
    /// <param name="className">The class name: a C# identifier (letters, digits and underscores, not starting with a digit).</param>
    /// <exception cref="ArgumentException"><paramref name="className"/> is not an identifier.</exception>
    public string ToDeclaration(string className)
    {
        if (className is null) throw new ArgumentNullException(nameof(className));
        if (!IsIdentifier(className))
            throw new ArgumentException($"'{className}' is not a C# class name; use letters, digits and underscores, not starting with a digit.", nameof(className));
        var text = new StringBuilder();
        text.Append("using NetGen;\n\n");
        text.Append("[Network(").Append(InputSize);
        if (Loss != ArchitectureRules.ResolveLoss(Loss.Auto, _layers[_layers.Length - 1].Activation)) text.Append(", Loss = Loss.").Append(Loss);
        text.Append(")]\n");
        foreach (LayerInfo layer in _layers)
        {
            text.Append("[Dense(").Append(layer.Units).Append(", Activation.").Append(layer.Activation);
            if (layer.Alpha != ArchitectureRules.DefaultAlpha(layer.Activation)) text.Append(", Alpha = ").Append(FloatLiteral(layer.Alpha));
            if (layer.Init != LayerInfo.DefaultInit(layer.Activation)) text.Append(", Init = Init.").Append(layer.Init);
            text.Append(")]\n");
            if (layer.DropoutRate > 0f) text.Append("[Dropout(").Append(FloatLiteral(layer.DropoutRate)).Append(")]\n");
        }

        return text.Append("public partial class ").Append(className).Append(" { }\n").ToString();
    }

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || char.IsDigit(name[0])) return false;
        foreach (char c in name)
            if (!(char.IsLetterOrDigit(c) || c == '_')) return false;
        return true;
    }

    private static string FloatLiteral(float value) => Invariant(value) + "f";

    private static string Invariant(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string SummaryRow(string layer, string shape, string activation, string count) =>
        string.Format(CultureInfo.InvariantCulture, SummaryRowFormat, layer, shape, activation, count).TrimEnd();

    private static string Shape(int units) => "(" + units.ToString(CultureInfo.InvariantCulture) + ")";

    private static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
