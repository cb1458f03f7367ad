using TlsPreflight.Api.Admin;
using TlsPreflight.Api.Edges;
using TlsPreflight.Api.Startup;
using TlsPreflight.Api.Storage;
using TlsPreflight.Api.Telemetry;
using TlsPreflight.Api.Words;
using TlsPreflight.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.AddApplicationServices();
builder.AddApiTelemetry();
builder.AddAdminPages();

var app = builder.Build();
app.UseSenderLanguage();
app.UseApiEdges();
app.MapTelemetryEndpoints();
app.MapApplicationEndpoints();
app.MapAdminPages();
await app.MigrateDatabaseAsync();
await app.RunAsync();

public partial class Program;
