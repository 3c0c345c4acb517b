using System;
using System.Globalization;
using System.IO;
using NetGen.Playground;

namespace NetGen.Playground.Cli;

/// <summary>Trains one Playground session, printing the losses and writing a picture every <see cref="CliOptions.Every"/> epochs.</summary>
internal static class PlaygroundRun
{
    public static int Run(CliOptions options, TextWriter log)
    {
        PlaygroundSession session;
        try
        {
            session = new PlaygroundSession(options.Settings);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            log.WriteLine(e.Message);
            return 2;
        }

        Directory.CreateDirectory(options.OutputFolder);
        PlaygroundSettings s = session.Settings;
        string shape = s.HiddenLayers.Count == 0 ? $"{s.ActiveDataset}, no hidden layer" : $"{s.ActiveDataset}, hidden {string.Join(",", s.HiddenLayers)} {s.Activation}";
        log.WriteLine($"{s.ActiveDataset}, features {string.Join(",", s.Features.ConvertAll(Features.CommandName))}: {session.TrainPoints.Length} training and {session.TestPoints.Length} test points, network {session.Architecture}");
        try
        {
            while (session.Epoch < options.Epochs)
            {
                session.Train(Math.Min(options.Every - session.Epoch % options.Every, options.Epochs - session.Epoch));
                string path = Path.Combine(options.OutputFolder, $"epoch-{session.Epoch.ToString("000000", CultureInfo.InvariantCulture)}.png");
                PlaygroundPicture.Save(session, $"{shape}, epoch {session.Epoch}", path);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {session.Epoch,6}  training loss {session.Latest.Train:0.0000}  test loss {session.Latest.Test:0.0000}  -> {path}"));
            }
        }
        catch (TrainingDivergedException e)
        {
            log.WriteLine($"Training diverged at epoch {session.Epoch}: {e.Message} Try a lower --learning-rate.");
            return 1;
        }

        log.WriteLine("Declaration of this network:");
        log.WriteLine(session.Declaration("PlaygroundNet"));
        return 0;
    }
}
