using NetGen.Samples.FashionMnist;
using Spectre.Console;

return MainJob.Run(args, AnsiConsole.Console);
