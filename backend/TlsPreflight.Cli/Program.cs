using System.Globalization;
using TlsPreflight.Cli;

// The terminal speaks English whatever the machine's locale (the service speaks the sender's language).
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
return await CliApp.RunAsync(args, Console.Out, Console.Error);
