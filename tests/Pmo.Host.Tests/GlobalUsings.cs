// What nearly every test class of this project opens: the host's test infrastructure, status codes and JSON.
global using System.Net;
global using System.Text.Json;
global using Pmo.Host.Tests.Infrastructure;
global using Xunit.Abstractions;
