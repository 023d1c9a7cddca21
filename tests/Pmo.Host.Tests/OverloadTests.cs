using System.Text;

namespace Pmo.Host.Tests;

/// <summary>
/// Overload is refused early with 503 and Retry-After instead of being queued. The host here is told
/// that any unsettled change is too late (lag 0), so a burst from 16 clients is beyond its capacity by
/// construction: every change takes at least the push batching window to be heard of as settled.
/// </summary>
public sealed class OverloadTests
{
    [Fact]
    public async Task Offered_load_beyond_capacity_is_refused_with_503_and_retry_after_and_what_was_accepted_settles()
    {
        await using var host = await HostProcess.StartAsync("--no-demo", "--Pmo:Admission:MaxSettleLag=00:00:00");
        using var api = new PmoClient(host);
        var x = Doc.Prefix("overload");
        await api.Import(Doc.TwoLinkedProjects(x));

        var answers = new List<(HttpStatusCode Status, TimeSpan? RetryAfter, string? MediaType, string Body)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{x}a/tasks/t1/slip")
            {
                Content = new StringContent($$"""{"days": {{(i % 2 == 0 ? 1 : -1)}}}""", Encoding.UTF8, "application/json"),
            };
            using var response = await api.SendDisposingRequest(request);
            var answer = (response.StatusCode, response.Headers.RetryAfter?.Delta, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
            lock (answers) answers.Add(answer);
        });

        var refused = answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).ToList();
        var accepted = answers.Where(a => a.Status == HttpStatusCode.Accepted).ToList();
        Assert.True(answers.All(a => a.Status is HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable),
            string.Join(Environment.NewLine, answers.Where(a => a.Status is not (HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable))));
        Assert.NotEmpty(refused);
        Assert.NotEmpty(accepted);
        Assert.All(refused, r => Assert.True(r.RetryAfter >= TimeSpan.FromSeconds(1), $"503 without Retry-After: {r.Body}"));
        Assert.All(refused, r => Assert.Equal("application/problem+json", r.MediaType));
        foreach (var (_, _, _, body) in accepted)
            Assert.Equal("settled", (await api.WaitSettled(System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("changeId").GetString()!)).Str("status"));
    }
}
