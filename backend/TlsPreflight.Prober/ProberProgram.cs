using TlsPreflight.Prober.Hosting;

namespace TlsPreflight.Prober;

/// <summary>`dotnet run --project backend/TlsPreflight.Prober`: the engine behind an authenticated HTTP endpoint,
/// run where outbound TCP 25 is open. Not a top-level Program, so test projects can reference it beside the API.</summary>
public static class ProberProgram
{
    public static async Task Main(string[] args)
    {
        var app = ProberHost.Create(args);
        await app.RunAsync();
    }
}
