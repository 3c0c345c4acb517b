using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace NetGen;

public sealed partial class Dataset
{
    private static readonly string[] FashionMnistNames =
        { "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot" };

    /// <summary>The ten Fashion-MNIST class names in label order, for <see cref="FromIdx"/>'s <c>classNames</c>.</summary>
    public static IReadOnlyList<string> FashionMnistClassNames => FashionMnistNames;

    /// <summary>
    /// Loads an image classification set in IDX format (MNIST, Fashion-MNIST): an images file (magic 0x00000803,
    /// dimensions count x rows x columns) and a labels file (magic 0x00000801, dimension count), each raw or gzip
    /// (recognised by its content, not its name). Pixels become features scaled to [0, 1] (value / 255), one example
    /// per image, row-major; labels become one-hot targets.
    /// </summary>
    /// <param name="imagesPath">The images file, e.g. <c>train-images-idx3-ubyte.gz</c>.</param>
    /// <param name="labelsPath">The labels file, e.g. <c>train-labels-idx1-ubyte.gz</c>.</param>
    /// <param name="classNames">
    /// Names for labels 0, 1, ... (e.g. <see cref="FashionMnistClassNames"/>); their count is the number of classes and
    /// every label must be below it. When null, the classes are 0 to the largest label found, named "0", "1", ...
    /// </param>
    /// <exception cref="InvalidDataException">A file is malformed or the two disagree; the message names the file and byte offset.</exception>
    public static Dataset FromIdx(string imagesPath, string labelsPath, IReadOnlyList<string>? classNames = null)
    {
        if (imagesPath is null) throw new ArgumentNullException(nameof(imagesPath));
        if (labelsPath is null) throw new ArgumentNullException(nameof(labelsPath));
        if (classNames is not null && classNames.Count == 0) throw new ArgumentException("classNames is empty; pass null to name the classes by label.", nameof(classNames));

        IdxFile images = IdxFile.Read(imagesPath, "images", 3);
        IdxFile labels = IdxFile.Read(labelsPath, "labels", 1);
        int count = images.Dimensions[0], pixels = images.Dimensions[1] * images.Dimensions[2];
        if (labels.Dimensions[0] != count)
            throw new InvalidDataException($"{labelsPath}: byte 4: the labels file holds {labels.Dimensions[0]} labels but the images file {imagesPath} holds {count} images.");

        byte[] labelBytes = labels.Data.Array!;
        int labelStart = labels.Data.Offset, maxLabel = 0;
        for (int i = 0; i < count; i++)
        {
            int label = labelBytes[labelStart + i];
            if (classNames is not null && label >= classNames.Count)
                throw new InvalidDataException($"{labelsPath}: byte {labels.HeaderLength + i}{(labels.Compressed ? " (after gzip decompression)" : "")}: label {label} of example {i} is not below the {classNames.Count} class names given.");
            if (label > maxLabel) maxLabel = label;
        }

        string[] names = classNames is not null ? CopyNames(classNames) : NumberNames(maxLabel + 1);
        var targets = new float[(long)count * names.Length];
        for (int i = 0; i < count; i++) targets[(long)i * names.Length + labelBytes[labelStart + i]] = 1f;

        var features = new float[(long)count * pixels];
        float[] scale = PixelScale;
        byte[] pixelBytes = images.Data.Array!;
        int pixelStart = images.Data.Offset;
        for (int i = 0; i < features.Length; i++) features[i] = scale[pixelBytes[pixelStart + i]];
        return new Dataset(features, pixels, targets, names.Length, names);
    }

    // A table lookup is exact (the same value / 255f each time) and faster than a division per pixel.
    private static readonly float[] PixelScale = CreatePixelScale();

    private static float[] CreatePixelScale()
    {
        var table = new float[256];
        for (int i = 0; i < table.Length; i++) table[i] = i / 255f;
        return table;
    }

    private static string[] CopyNames(IReadOnlyList<string> classNames)
    {
        var names = new string[classNames.Count];
        for (int i = 0; i < names.Length; i++)
            names[i] = classNames[i] ?? throw new ArgumentException($"classNames[{i}] is null.", nameof(classNames));
        return names;
    }

    private static string[] NumberNames(int count)
    {
        var names = new string[count];
        for (int i = 0; i < count; i++) names[i] = i.ToString(CultureInfo.InvariantCulture);
        return names;
    }
}
