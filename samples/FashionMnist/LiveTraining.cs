using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace NetGen.Samples.FashionMnist;

/// <summary>
/// Runs <see cref="NetworkTraining.Fit"/> and shows it: a live Spectre.Console progress bar for the current epoch (batches,
/// loss, accuracy, examples per second, time left) on an interactive terminal, and one line per epoch always, so redirected
/// output and CI logs stay readable.
/// </summary>
internal sealed class LiveTraining : IProgress<BatchProgress>, IProgress<EpochResult>
{
    /// <summary>Redrawing more often than this only costs training time; the eye cannot follow it.</summary>
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);

    private readonly IAnsiConsole _console;
    private readonly int _epochs;
    private readonly ReduceOnPlateau? _schedule;
    private readonly Stopwatch _sinceRedraw = Stopwatch.StartNew();
    private double _bestValidationLoss = double.PositiveInfinity;
    private ProgressTask? _task;
    private string _metrics = "";

    private LiveTraining(IAnsiConsole console, int epochs, ReduceOnPlateau? schedule)
    {
        _console = console;
        _epochs = epochs;
        _schedule = schedule;
    }

    /// <param name="schedule">Sees every epoch's result after it is printed (it runs between epochs, on the training thread).</param>
    public static TrainingHistory Fit(INetwork network, Dataset train, TrainingOptions options, ReduceOnPlateau? schedule, IAnsiConsole console)
    {
        var live = new LiveTraining(console, options.Epochs, schedule);
        options.Progress = live;
        if (!console.Profile.Capabilities.Interactive || !console.Profile.Capabilities.Ansi)
            return network.Fit(train, options);

        options.BatchProgress = live;
        TrainingHistory? history = null;
        console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new MetricsColumn(live))
            .Start(context =>
            {
                live._task = context.AddTask("Epoch", maxValue: 1);
                history = network.Fit(train, options);
                live._task.StopTask();
            });
        return history!;
    }

    void IProgress<BatchProgress>.Report(BatchProgress p)
    {
        // Called after every batch on the training thread: do real work only a few times a second.
        bool last = p.Batch == p.BatchesPerEpoch;
        if (!last && _sinceRedraw.Elapsed < RedrawInterval) return;
        _sinceRedraw.Restart();

        // At most: early stopping may end training sooner, and validation adds a little per epoch.
        double perExample = p.Seconds / p.ExamplesDone;
        double left = perExample * ((p.Epochs - p.Epoch) * (double)p.ExamplesPerEpoch + p.ExamplesPerEpoch - p.ExamplesDone);
        var c = CultureInfo.InvariantCulture;
        string accuracy = double.IsNaN(p.Accuracy) ? "" : string.Format(c, "  acc {0:F4}", p.Accuracy);
        Volatile.Write(ref _metrics, string.Format(c, "loss {0:F4}{1}  {2,7:N0} ex/s  {3} left", p.Loss, accuracy, p.ExamplesPerSecond, Clock(left)));
        ProgressTask task = _task!;
        task.Description = string.Format(c, "Epoch {0}/{1}  batch {2,4}/{3}", p.Epoch, p.Epochs, p.Batch, p.BatchesPerEpoch);
        task.MaxValue = p.BatchesPerEpoch;
        task.Value = p.Batch;
    }

    void IProgress<EpochResult>.Report(EpochResult r)
    {
        bool best = r.ValidationLoss is double loss && loss < _bestValidationLoss;
        if (best) _bestValidationLoss = r.ValidationLoss!.Value;
        string line = EpochLine.Format(r, _epochs, best);
        if (_schedule?.Observe(r) is float rate) line += string.Format(CultureInfo.InvariantCulture, "  (learning rate now {0:0.#######})", rate);
        _console.WriteLine(line);
    }

    private static string Clock(double seconds)
    {
        if (double.IsNaN(seconds) || double.IsInfinity(seconds)) return "-:--";
        var t = TimeSpan.FromSeconds(Math.Max(0, seconds));
        return t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>Shows the latest loss, accuracy, speed and time left beside the bar.</summary>
    private sealed class MetricsColumn(LiveTraining live) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(Volatile.Read(ref live._metrics), new Style(Color.Grey));
    }
}
