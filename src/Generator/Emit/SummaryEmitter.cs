using System.Globalization;
using System.Text;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>Builds the Keras-style <c>Summary()</c> table at generation time; the generated method returns a constant.</summary>
internal static class SummaryEmitter
{
    private const string Format = " {0,-22}{1,-16}{2,-22}{3,12}";

    public static string Text(NetworkModel model)
    {
        var text = new StringBuilder();
        string rule = new('_', 73), doubleRule = new('=', 73);
        text.Append("Model: \"").Append(model.TypeName).Append("\"\n");
        text.Append(rule).Append('\n');
        text.Append(Row("Layer (type)", "Output shape", "Activation", "Param #")).Append('\n');
        text.Append(doubleRule).Append('\n');
        text.Append(Row("input (Input)", Shape(model.InputSize), "", "0")).Append('\n');
        foreach (LayerModel layer in model.Layers)
        {
            string activation = layer.Activation.ToString();
            if (layer.Activation is Activation.LeakyRelu or Activation.Elu)
                activation += "(" + layer.Alpha.ToString("R", CultureInfo.InvariantCulture) + ")";
            text.Append(Row($"dense_{layer.Index} (Dense)", Shape(layer.Units), activation, Count(layer.ParameterCount))).Append('\n');
            if (layer.HasDropout)
                text.Append(Row($"dropout_{layer.Index} (Dropout)", Shape(layer.Units), "rate " + layer.DropoutRate.ToString("R", CultureInfo.InvariantCulture), "0")).Append('\n');
        }

        text.Append(doubleRule).Append('\n');
        text.Append("Total params: ").Append(Count(model.ParameterCount)).Append('\n');
        text.Append("Loss: ").Append(model.Loss);
        return text.ToString();
    }

    private static string Row(string layer, string shape, string activation, string count) =>
        string.Format(CultureInfo.InvariantCulture, Format, layer, shape, activation, count).TrimEnd();

    private static string Shape(int units) => "(" + units.ToString(CultureInfo.InvariantCulture) + ")";

    private static string Count(int count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
