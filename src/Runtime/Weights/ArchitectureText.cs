using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen;

/// <summary>
/// Reads back the <see cref="NetworkArchitecture.ToString"/> text NetGen stores as <c>netgen.architecture</c>, such as
/// <c>2-8(Tanh)[dropout 0.1]-4(LeakyRelu 0.2)-1(Sigmoid) BinaryCrossEntropy</c>, so a weight file says which network it holds.
/// </summary>
/// <remarks>The text records no initialisation scheme; layers get their activation's default <see cref="Init"/>.</remarks>
internal static class ArchitectureText
{
    /// <summary>The architecture, or null with <paramref name="problem"/> saying what is wrong (a phrase that follows the text's name).</summary>
    public static NetworkArchitecture? Parse(string text, out string? problem)
    {
        var reader = new Reader(text);
        problem = null;
        if (!reader.Integer(out int inputSize)) return Fail("does not start with the input size", out problem);
        var layers = new List<LayerInfo>();
        int inputs = inputSize, offset = 0;
        while (reader.Skip('-'))
        {
            if (!reader.Integer(out int units)) return Fail($"has no unit count for layer {layers.Count}", out problem);
            if (!reader.Skip('(')) return Fail($"has no '(' after layer {layers.Count}'s units", out problem);
            string name = reader.Until(' ', ')');
            if (name.Length == 0 || char.IsDigit(name[0]) || !Enum.TryParse(name, ignoreCase: false, out Activation activation) || !Enum.IsDefined(typeof(Activation), activation))
                return Fail($"names activation '{FieldText.Shorten(name)}' for layer {layers.Count}, which NetGen does not have", out problem);
            float alpha = 0f, dropout = 0f;
            if (reader.Skip(' ') && !reader.Float(reader.Until(')'), out alpha)) return Fail($"has an unreadable alpha for layer {layers.Count}", out problem);
            if (!reader.Skip(')')) return Fail($"has no ')' after layer {layers.Count}'s activation", out problem);
            if (reader.Skip("[dropout "))
            {
                if (!reader.Float(reader.Until(']'), out dropout) || !reader.Skip(']')) return Fail($"has an unreadable dropout rate for layer {layers.Count}", out problem);
            }

            if (units < 1 || (long)units * (inputs + 1L) + offset > int.MaxValue) return Fail($"gives layer {layers.Count} {units} units", out problem);
            var layer = new LayerInfo(inputs, units, activation, alpha, dropout, offset);
            layers.Add(layer);
            inputs = units;
            offset += layer.ParameterCount;
        }

        if (inputSize < 1) return Fail($"gives the input size {inputSize}", out problem);
        if (layers.Count == 0) return Fail("has no layers", out problem);
        if (!reader.Skip(' ')) return Fail("has no loss after the layers", out problem);
        string lossName = reader.Rest();
        if (lossName.Length == 0 || char.IsDigit(lossName[0]) || !Enum.TryParse(lossName, ignoreCase: false, out Loss loss) || !Enum.IsDefined(typeof(Loss), loss) || loss == Loss.Auto)
            return Fail($"names loss '{FieldText.Shorten(lossName)}', which NetGen does not have", out problem);
        return new NetworkArchitecture(inputSize, loss, layers.ToArray());
    }

    private static NetworkArchitecture? Fail(string reason, out string? problem)
    {
        problem = reason;
        return null;
    }

    private sealed class Reader
    {
        private readonly string _text;
        private int _position;

        public Reader(string text) => _text = text;

        public bool Skip(char c)
        {
            if (_position >= _text.Length || _text[_position] != c) return false;
            _position++;
            return true;
        }

        public bool Skip(string s)
        {
            if (string.CompareOrdinal(_text, _position, s, 0, s.Length) != 0) return false;
            _position += s.Length;
            return true;
        }

        public bool Integer(out int value)
        {
            int start = _position;
            while (_position < _text.Length && _text[_position] >= '0' && _text[_position] <= '9' && _position - start < 10) _position++;
            return int.TryParse(_text.Substring(start, _position - start), NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        public string Until(char a, char b = '\0')
        {
            int start = _position;
            while (_position < _text.Length && _text[_position] != a && _text[_position] != b) _position++;
            return _text.Substring(start, _position - start);
        }

        public string Rest()
        {
            string rest = _text.Substring(_position);
            _position = _text.Length;
            return rest;
        }

        public bool Float(string text, out float value) =>
            float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !float.IsNaN(value) && !float.IsInfinity(value);
    }
}
