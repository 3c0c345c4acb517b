using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Text;

namespace NetGen;

/// <summary>
/// One named block of a layer's parameters: its name within the layer, its shape, and where it sits in
/// <see cref="INetwork.Parameters"/>. Weight files, regularisation and summaries walk these instead of knowing what a
/// layer kind stores, so a new layer kind only has to list its tensors.
/// </summary>
/// <remarks>
/// A Dense layer has two: <c>weight</c> <c>[units, inputs]</c> (row-major, PyTorch <c>nn.Linear</c> layout), regularised,
/// and <c>bias</c> <c>[units]</c>, not regularised. In a weight file a tensor is stored as <c>layers.{layer}.{name}</c>.
/// </remarks>
public sealed class ParameterTensor : IEquatable<ParameterTensor>
{
    private readonly int[] _shape;

    /// <summary>Describes a tensor.</summary>
    /// <param name="name">Its name within the layer, such as <c>weight</c>: letters, digits and underscores.</param>
    /// <param name="shape">Its dimensions, outermost first, each at least 1; row-major in the parameter vector.</param>
    /// <param name="offset">Where its first element sits in the parameter vector.</param>
    /// <param name="regularized">Whether L1/L2 regularisation applies to it (weights yes, biases no).</param>
    /// <exception cref="ArgumentException">The name is empty or has other characters, a dimension is below 1, or the offset is negative.</exception>
    public ParameterTensor(string name, IReadOnlyList<int> shape, int offset, bool regularized)
    {
        if (name is null) throw new ArgumentNullException(nameof(name));
        if (shape is null) throw new ArgumentNullException(nameof(shape));
        if (name.Length == 0) throw new ArgumentException("A tensor name cannot be empty.", nameof(name));
        foreach (char c in name)
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_'))
                throw new ArgumentException($"Tensor name '{name}' has '{c}'; use letters, digits and underscores.", nameof(name));
        if (shape.Count == 0) throw new ArgumentException("A tensor needs at least one dimension.", nameof(shape));
        if (offset < 0) throw new ArgumentOutOfRangeException(nameof(offset), offset, "Offsets are non-negative.");
        _shape = new int[shape.Count];
        long length = 1;
        for (int i = 0; i < _shape.Length; i++)
        {
            if (shape[i] < 1) throw new ArgumentException($"Dimension {i} of tensor '{name}' is {shape[i]}; every dimension must be at least 1.", nameof(shape));
            _shape[i] = shape[i];
            length *= shape[i];
        }

        if (length > int.MaxValue) throw new ArgumentException($"Tensor '{name}' has {length} elements; at most {int.MaxValue} fit a parameter vector.", nameof(shape));
        Name = name;
        Shape = new ReadOnlyCollection<int>(_shape);
        Offset = offset;
        Length = (int)length;
        IsRegularized = regularized;
    }

    /// <summary>The name within the layer, such as <c>weight</c> or <c>bias</c>.</summary>
    public string Name { get; }

    /// <summary>The dimensions, outermost first.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>Where the first element sits in the parameter vector.</summary>
    public int Offset { get; }

    /// <summary>The number of elements: the product of <see cref="Shape"/>.</summary>
    public int Length { get; }

    /// <summary>One past the last element's position in the parameter vector.</summary>
    public int End => Offset + Length;

    /// <summary>Whether <see cref="TrainingOptions.L1"/> and <see cref="TrainingOptions.L2"/> apply to this tensor.</summary>
    public bool IsRegularized { get; }

    /// <summary>The shape as 64-bit dimensions, as safetensors headers store them.</summary>
    internal long[] LongShape()
    {
        var dims = new long[_shape.Length];
        for (int i = 0; i < dims.Length; i++) dims[i] = _shape[i];
        return dims;
    }

    /// <inheritdoc />
    public bool Equals(ParameterTensor? other)
    {
        if (other is null || other.Name != Name || other.Offset != Offset || other.IsRegularized != IsRegularized || other._shape.Length != _shape.Length) return false;
        for (int i = 0; i < _shape.Length; i++)
            if (other._shape[i] != _shape[i]) return false;
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ParameterTensor);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Name);
        hash.Add(Offset);
        foreach (int d in _shape) hash.Add(d);
        return hash.ToHashCode();
    }

    /// <summary>For example <c>weight [16, 4] at 0</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Name).Append(" [");
        for (int i = 0; i < _shape.Length; i++) sb.Append(i > 0 ? ", " : "").Append(_shape[i]);
        return sb.Append("] at ").Append(Offset).ToString();
    }
}
