using TlsPreflight.Cli;

return await CliApp.RunAsync(args, Console.Out, Console.Error);
