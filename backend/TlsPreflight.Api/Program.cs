using TlsPreflight.Api.Admin;
using TlsPreflight.Api.Edges;
using TlsPreflight.Api.Extensions;
using TlsPreflight.Api.Storage;
using TlsPreflight.Api.Words;

var builder = WebApplication.CreateBuilder(args);
builder.AddApplicationServices();
builder.AddAdminPages();

var app = builder.Build();
app.UseSenderLanguage();
app.UseApiEdges();
app.MapApplicationEndpoints();
app.MapAdminPages();
await app.MigrateDatabaseAsync();
await app.RunAsync();

public partial class Program;
