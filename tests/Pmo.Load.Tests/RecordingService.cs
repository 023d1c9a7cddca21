using System.Collections.Concurrent;
using System.Net;

namespace Pmo.Load.Tests;

/// <summary>
/// A stand-in service on a loopback port that records what each request carried: it answers
/// GET /health with 200 and every other request with 401, as a service with authentication on
/// answers a token it does not accept, or with another status (503 or 429, with Retry-After when
/// given) as a service shedding load does. Enough to see what the harness sends, and nothing more.
/// </summary>
internal sealed class RecordingService : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly int _status;
    private readonly string? _retryAfter;

    public RecordingService(int status = 401, string? retryAfter = null)
    {
        _status = status;
        _retryAfter = retryAfter;
        Address = new Uri($"http://127.0.0.1:{ServiceProcess.FreePorts(1)[0]}/");
        _listener.Prefixes.Add(Address.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Address { get; }

    /// <summary>"METHOD /path", the query string and the Authorization header it came with (null when none).</summary>
    public ConcurrentQueue<(string Request, string Query, string? Authorization)> Requests { get; } = new();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }
            var request = context.Request;
            Requests.Enqueue(($"{request.HttpMethod} {request.Url!.AbsolutePath}", request.Url.Query, request.Headers["Authorization"]));
            var health = request.Url.AbsolutePath == "/health";
            context.Response.StatusCode = health ? 200 : _status;
            if (!health && _status == 401) context.Response.AddHeader("WWW-Authenticate", "Bearer");
            if (!health && _retryAfter is not null) context.Response.AddHeader("Retry-After", _retryAfter);
            var body = "{}"u8.ToArray();
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(10));
    }
}
