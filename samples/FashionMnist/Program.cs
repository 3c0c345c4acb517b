using System;
using NetGen.Samples.FashionMnist;
using Spectre.Console;

// Spectre.Console wraps at 80 columns when output is redirected; CI logs read better with whole lines.
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 120;
IAnsiConsole errors = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
if (Console.IsErrorRedirected) errors.Profile.Width = 120;
return MainJob.Run(args, AnsiConsole.Console, errors);
