using Pmo.Host.Access;
using Pmo.Host.Hosting;

if (TokenVerb.Matches(args)) return TokenVerb.Run(args);

var builder = WebApplication.CreateBuilder(HostArguments.Normalize(args)).AddPmoQuietLogging();
var options = builder.AddPmoOptions();
if (builder.AddPmoAccess() is { } refused) return refused;
if (builder.CheckPmoStorage() is { } badStorage) return badStorage;
if (await DatabaseSetup.PrepareAsync(options) is { } exitCode) return exitCode;

var app = PmoApplication.Build(builder, options);
await app.RunAsync();
return 0;

/// <summary>Entry point; public so that end-to-end tests can start the real host in-process.</summary>
public partial class Program;
