using System.Globalization;
using System.Text;
using NetGen.Generator.Model;
using NetGen.Generator.Model.Layers;

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
        // One row per Dense node, its activation in the Activation column (Identity when none follows), and one per Dropout.
        for (int i = 0; i < model.Nodes.Count; i++)
        {
            switch (model.Nodes[i])
            {
                case DenseNode dense:
                    string activation = i + 1 < model.Nodes.Count && model.Nodes[i + 1] is ActivationNode next ? Describe(next) : nameof(Activation.Identity);
                    text.Append(Row($"dense_{dense.Layer} (Dense)", Shape(dense.Units), activation, Count(dense.ParameterCount))).Append('\n');
                    break;
                case DropoutNode dropout:
                    text.Append(Row($"dropout_{dropout.Layer} (Dropout)", Shape(dropout.Width), "rate " + dropout.Rate.ToString("R", CultureInfo.InvariantCulture), "0")).Append('\n');
                    break;
            }
        }

        text.Append(doubleRule).Append('\n');
        text.Append("Total params: ").Append(Count(model.ParameterCount)).Append('\n');
        text.Append("Loss: ").Append(model.Loss);
        return text.ToString();
    }

    private static string Describe(ActivationNode node) =>
        node.Activation is Activation.LeakyRelu or Activation.Elu
            ? node.Activation + "(" + node.Alpha.ToString("R", CultureInfo.InvariantCulture) + ")"
            : node.Activation.ToString();

    private static string Row(string layer, string shape, string activation, string count) =>
        string.Format(CultureInfo.InvariantCulture, Format, layer, shape, activation, count).TrimEnd();

    private static string Shape(int units) => "(" + units.ToString(CultureInfo.InvariantCulture) + ")";

    private static string Count(int count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
