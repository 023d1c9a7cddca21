namespace Pmo.Host.Tests;

/// <summary>At the default log level a busy service writes a few lines a minute, not lines per command.</summary>
public sealed class QuietLoggingTests
{
    private const int Commands = 300;

    [Fact]
    public async Task At_the_default_level_three_hundred_commands_write_at_most_three_log_lines()
    {
        await using var host = await HostProcess.StartAsync(HostLogging.Default, "--no-demo");
        using var api = new PmoClient(host);
        var x = Doc.Prefix("quiet");
        await api.Import(Doc.TwoLinkedProjects(x));
        var before = host.LinesWritten;

        string last = "";
        for (var i = 0; i < Commands; i++)
            last = (await api.Accept(HttpMethod.Post, $"/api/projects/{x}a/tasks/t1/slip", new { days = i % 2 == 0 ? 1 : -1, reason = "quiet" })).ChangeId;
        await api.WaitSettled(last);

        var written = host.LinesWritten - before;
        Assert.True(written <= Commands / 100, $"{written} log lines for {Commands} commands:{Environment.NewLine}{host.Log}");
    }
}
