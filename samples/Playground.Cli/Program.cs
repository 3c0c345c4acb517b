using System;
using NetGen.Playground.Cli;

CliOptions options;
try
{
    options = CliOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(CliOptions.Usage);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(CliOptions.Usage);
    return 0;
}

return PlaygroundRun.Run(options, Console.Out);
