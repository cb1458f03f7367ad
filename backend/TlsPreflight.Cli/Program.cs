// Placeholder until the CLI lands: `tlspreflight check <domain>...`
Console.Error.WriteLine("tlspreflight: not built yet");
return 1;
