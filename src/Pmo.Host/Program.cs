using Pmo.Host.Api;
using Pmo.Host.Hosting;

var builder = WebApplication.CreateBuilder(HostArguments.Normalize(args));
var options = builder.AddPmoOptions();
builder.AddPmoSilo(options);
builder.Services.AddPmoApi(options);
builder.Services.AddPmoDemo(options);

var app = builder.Build();
app.MapPmoApi();
app.Run();

/// <summary>Entry point; public so that end-to-end tests can start the real host in-process.</summary>
public partial class Program;
