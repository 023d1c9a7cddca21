using Pmo.Host.Api;
using Pmo.Host.Hosting;
using Pmo.Host.Push;

var builder = WebApplication.CreateBuilder(HostArguments.Normalize(args)).AddPmoQuietLogging();
var options = builder.AddPmoOptions();
if (await DatabaseSetup.PrepareAsync(options) is { } exitCode) return exitCode;

builder.AddPmoSilo(options);
builder.Services.AddPmoApi(options, builder.Configuration);
builder.Services.AddPmoPush(builder.Configuration);
builder.Services.AddPmoDemo(options);
builder.Services.AddPmoRecovery(options);
builder.Services.AddPmoObservability();
builder.Services.AddPmoSimulation(options);
builder.AddPmoDashboard();

var app = builder.Build();
app.MapPmoApi();
app.MapPmoPush();
app.MapPmoObservability();
app.MapPmoDashboard();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so that end-to-end tests can start the real host in-process.</summary>
public partial class Program;
