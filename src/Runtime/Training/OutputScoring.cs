using System;

namespace NetGen;

/// <summary>How outputs are scored against targets: which class each names, and whether a prediction is right.</summary>
internal readonly struct OutputScoring
{
    private OutputScoring(ScoringKind kind, int outputs)
    {
        Kind = kind;
        UnitsPerExample = kind == ScoringKind.MultiLabel ? outputs : 1;
        ClassCount = kind switch { ScoringKind.ArgMax => outputs, ScoringKind.Binary => 2, _ => 0 };
    }

    public ScoringKind Kind { get; }

    /// <summary>Right-or-wrong decisions per example: 1, or one per output for independent (multi-label) sigmoid outputs.</summary>
    public int UnitsPerExample { get; }

    /// <summary>Rows and columns of the confusion matrix; 0 when there is none (regression, multi-label).</summary>
    public int ClassCount { get; }

    public bool MeasuresAccuracy => Kind != ScoringKind.None;

    /// <summary>
    /// Softmax (or any multi-output net on a classification set) predicts the largest output; one Sigmoid output is a
    /// binary classifier thresholded at 0.5; several Sigmoid outputs are independent labels; anything else is regression.
    /// </summary>
    public static OutputScoring For(NetworkArchitecture architecture, Dataset data)
    {
        int outputs = architecture.OutputSize;
        bool classes = architecture.IsClassifier || data.IsClassification;
        if (!classes) return new OutputScoring(ScoringKind.None, outputs);
        if (outputs == 1) return new OutputScoring(ScoringKind.Binary, outputs);
        if (architecture.Loss == Loss.BinaryCrossEntropy && !data.IsClassification) return new OutputScoring(ScoringKind.MultiLabel, outputs);
        return new OutputScoring(ScoringKind.ArgMax, outputs);
    }

    /// <summary>The class a row of outputs or targets names (ArgMax and Binary only).</summary>
    public int ClassOf(ReadOnlySpan<float> values)
    {
        if (Kind == ScoringKind.Binary) return values[0] >= 0.5f ? 1 : 0;
        int best = 0;
        for (int k = 1; k < values.Length; k++)
            if (values[k] > values[best]) best = k;
        return best;
    }

    /// <summary>How many of the example's <see cref="UnitsPerExample"/> decisions are right.</summary>
    public int Correct(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets)
    {
        switch (Kind)
        {
            case ScoringKind.None:
                return 0;
            case ScoringKind.MultiLabel:
                int right = 0;
                for (int k = 0; k < outputs.Length; k++)
                    if ((outputs[k] >= 0.5f) == (targets[k] >= 0.5f)) right++;
                return right;
            default:
                return ClassOf(outputs) == ClassOf(targets) ? 1 : 0;
        }
    }

    /// <summary>Correct decisions over <paramref name="count"/> rows of outputs and targets.</summary>
    public long CorrectInRows(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int count, int width)
    {
        long right = 0;
        for (int r = 0; r < count; r++) right += Correct(outputs.Slice(r * width, width), targets.Slice(r * width, width));
        return right;
    }
}

internal enum ScoringKind
{
    None,
    ArgMax,
    Binary,
    MultiLabel,
}
