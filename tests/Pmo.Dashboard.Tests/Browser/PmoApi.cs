using System.Net.Http.Json;
using System.Text.Json;

namespace Pmo.Dashboard.Tests.Browser;

/// <summary>The public HTTP API, as much of it as the browser tests drive.</summary>
public sealed class PmoApi(Uri baseAddress, string? token = null) : IDisposable
{
    private readonly HttpClient _http = new()
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(60),
        DefaultRequestHeaders = { Authorization = token is null ? null : new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token) },
    };

    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Sends a command and returns its changeId (the command must be accepted).</summary>
    public async Task<string> SendAsync(string path, object? body)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("changeId").GetString()!;
    }

    /// <summary>Polls GET /api/changes/{id} until settled (with a deadline).</summary>
    public async Task WaitSettledAsync(string changeId, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            using var response = await _http.GetAsync(new Uri($"/api/changes/{changeId}", UriKind.Relative));
            if (response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString() == "settled") return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"Change {changeId} did not settle.");
    }

    public void Dispose() => _http.Dispose();
}
