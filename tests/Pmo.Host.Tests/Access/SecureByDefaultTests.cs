namespace Pmo.Host.Tests.Access;

/// <summary>With no authentication configured the host serves loopback only, as pmo, and says so; anything else it refuses.</summary>
public sealed class SecureByDefaultTests
{
    [Theory]
    [InlineData("http://0.0.0.0:{port}")]
    [InlineData("http://+:{port}")]
    [InlineData("http://[::]:{port}")]
    [InlineData("http://127.0.0.1:{port};http://example.test:{port}")]
    public async Task Listening_off_loopback_without_authentication_exits_with_2_and_says_how_to_configure_it(string urls)
    {
        var port = PostgresServer.FreePort();
        var (exitCode, output) = await RunHost("--urls", urls.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), "--no-demo");
        Assert.True(exitCode == 2, $"exit code {exitCode}: {output}");
        Assert.Contains("--auth-signing-key", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dashboard_client_id_without_an_authority_exits_with_2_and_says_what_is_missing()
    {
        var (exitCode, output) = await RunHost("--no-demo", "--auth-client-id", "pmo-dashboard");
        Assert.True(exitCode == 2, $"exit code {exitCode}: {output}");
        Assert.Contains("--auth-authority", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASPNETCORE_URLS_off_loopback_is_refused_the_same_way()
    {
        var port = PostgresServer.FreePort();
        var (exitCode, output) = await RunHost(new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://0.0.0.0:{port}" }, "--no-demo");
        Assert.True(exitCode == 2, $"exit code {exitCode}: {output}");
    }

    [Fact]
    public async Task On_loopback_without_authentication_everyone_is_pmo_and_the_first_lines_say_so()
    {
        await using var host = await HostProcess.StartAsync("--no-demo");
        using var anonymous = new PmoClient(host);
        var x = Doc.Prefix("open");
        var change = await anonymous.Import(Doc.Document(portfolios: [Doc.Portfolio(x + "pf")]));
        Assert.Equal(System.Net.HttpStatusCode.OK, await anonymous.StatusOf("/api/audit"));
        Assert.Contains("Authentication is off", host.Log, StringComparison.Ordinal);
        Assert.Equal("local", change.Status.Str("by"));
    }

    private static Task<(int ExitCode, string Output)> RunHost(params string[] arguments) => RunHost(new Dictionary<string, string>(), arguments);

    private static async Task<(int ExitCode, string Output)> RunHost(Dictionary<string, string> environment, params string[] arguments)
    {
        var (exitCode, output, error) = await HostCommand.RunAsync(environment, arguments);
        return (exitCode, output + error);
    }
}
