using OpenTelemetry.Trace;
using TlsPreflight.Telemetry;

namespace TlsPreflight.Api.Telemetry;

public static class ApiTelemetryHosting
{
    /// <summary>The shared telemetry setup (TlsPreflight.Telemetry) plus the API's meter and EF Core's spans.</summary>
    public static void AddApiTelemetry(this WebApplicationBuilder builder)
        => builder.AddTlsPreflightTelemetry("tlspreflight-api", [ApiTelemetry.Name], traces => traces.AddEntityFrameworkCoreInstrumentation());
}
