using Pmo.Load.Measurement;

namespace Pmo.Load.Tests;

/// <summary>The harness's command line: verbs, validation and help, through <see cref="Cli.RunAsync"/> as a user meets it.</summary>
public sealed class CommandLineTests
{
    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args) => await RunWith(_ => null, args);

    private static async Task<(int Exit, string Output, string Error)> RunWith(Func<string, string?> environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var exit = await Cli.RunAsync(args, output, error, environment, timeout.Token);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Help_lists_every_verb_and_exits_zero()
    {
        var (exit, output, _) = await Run("--help");

        Assert.Equal(Cli.Ok, exit);
        foreach (var verb in new[] { "generate", "run", "simulate", "compare" })
            Assert.Contains(verb, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "--help")]
    [InlineData("help", "run")]
    public async Task Run_help_lists_the_scenarios_from_the_one_catalog_and_the_token_option(params string[] args)
    {
        var (exit, output, _) = await Run(args);

        Assert.Equal(Cli.Ok, exit);
        Assert.Contains("steady|cascade|reorg|mixed|all", output, StringComparison.Ordinal);
        Assert.Contains("--token", output, StringComparison.Ordinal);
        Assert.Contains("PMO_TOKEN", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_help_lists_its_options()
    {
        var (exit, output, _) = await Run("compare", "--help");

        Assert.Equal(Cli.Ok, exit);
        foreach (var option in new[]
                 {
                     "--postgres", "--host-dll", "--keep-database", "--document", "--size", "--seed", "--scenario", "--duration", "--rate", "--clients",
                     "--concurrency", "--warmup", "--out", "--baseline-seconds", "--settle-timeout",
                 })
            Assert.Contains(option, output, StringComparison.Ordinal);
        Assert.Contains("steady|cascade|reorg|mixed|all", output, StringComparison.Ordinal);
        Assert.DoesNotContain("--target", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_without_a_host_build_says_where_it_looked_before_touching_postgres()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}", "Pmo.Host.dll");

        // The server named here does not exist: the missing host must be reported first.
        var (exit, _, error) = await Run("compare", "--postgres", "Host=127.0.0.1;Port=1", "--size", "S", "--host-dll", missing);

        Assert.Equal(Cli.Failed, exit);
        Assert.Contains("--host-dll", error, StringComparison.Ordinal);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--postgres", "compare", "--size", "S")]
    [InlineData("--size", "compare", "--postgres", "Host=127.0.0.1", "--document", "a.json", "--size", "S")]
    [InlineData("--duration", "compare", "--postgres", "Host=127.0.0.1", "--size", "S", "--duration", "0")]
    [InlineData("--scenario", "compare", "--postgres", "Host=127.0.0.1", "--size", "S", "--scenario", "storm")]
    [InlineData("--size", "generate", "--size", "Q", "--seed", "1", "--out", "x.json")]
    [InlineData("--seed", "generate", "--size", "S", "--out", "x.json")]
    [InlineData("--scenario", "run", "--target", "http://127.0.0.1:1", "--size", "S", "--scenario", "storm")]
    [InlineData("--duration", "run", "--target", "http://127.0.0.1:1", "--size", "S", "--duration", "0")]
    [InlineData("--duration", "run", "--target", "http://127.0.0.1:1", "--size", "S", "--duration", "ten")]
    [InlineData("--rate", "run", "--target", "http://127.0.0.1:1", "--size", "S", "--rate", "-5")]
    [InlineData("--target", "run", "--target", "ftp://example", "--size", "S")]
    [InlineData("--target", "run", "--size", "S")]
    [InlineData("--size", "run", "--target", "http://127.0.0.1:1", "--size", "XXL")]
    [InlineData("--document", "run", "--target", "http://127.0.0.1:1", "--size", "S", "--document", "a.json")]
    [InlineData("--days", "simulate", "--target", "http://127.0.0.1:1", "--size", "S", "--days", "0")]
    [InlineData("--pace", "simulate", "--target", "http://127.0.0.1:1", "--size", "S", "--days", "1", "--pace", "-1")]
    [InlineData("--bogus", "run", "--target", "http://127.0.0.1:1", "--size", "S", "--bogus", "1")]
    public async Task A_bad_command_line_exits_with_2_and_names_the_option(string option, params string[] args)
    {
        var (exit, output, error) = await Run(args);

        Assert.Equal(Cli.BadUsage, exit);
        Assert.Contains(option, error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task No_verb_is_a_usage_error()
    {
        var (exit, _, error) = await Run();

        Assert.Equal(Cli.BadUsage, exit);
        Assert.Contains("--help", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_writes_the_same_bytes_for_the_same_seed_with_plain_output_when_redirected()
    {
        var folder = Directory.CreateTempSubdirectory("pmo-load-generate-");
        try
        {
            var first = Path.Combine(folder.FullName, "a.json");
            var second = Path.Combine(folder.FullName, "b.json");

            var (exitA, output, _) = await Run("generate", "--size", "demo", "--seed", "7", "--out", first);
            var (exitB, _, _) = await Run("generate", "--size=DEMO", "--seed", "7", "--out", second);

            Assert.Equal((Cli.Ok, Cli.Ok), (exitA, exitB));
            Assert.Equal(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(second));
            Assert.Contains("DEMO seed 7: 50 projects", output, StringComparison.Ordinal);
            Assert.DoesNotContain('\u001b', output); // no ANSI escapes: no animation, no colour in a log
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Run_sends_the_token_as_a_bearer_header_on_every_request()
    {
        using var service = new RecordingService();

        var (exit, _, error) = await Run("run", "--target", service.Address.ToString(), "--size", "demo", "--token", "t0ken");

        // The stand-in refuses the import with 401, so the run stops there, saying why.
        Assert.Equal(Cli.Failed, exit);
        Assert.Contains("HTTP 401", error, StringComparison.Ordinal);
        Assert.Contains(service.Requests, r => r.Request == "POST /api/import");
        Assert.All(service.Requests, r => Assert.Equal("Bearer t0ken", r.Authorization));
    }

    [Fact]
    public async Task Simulate_reads_the_token_from_PMO_TOKEN_when_no_option_gives_one()
    {
        using var service = new RecordingService();
        var environment = new Dictionary<string, string> { ["PMO_TOKEN"] = "from-env" };

        var (exit, _, _) = await RunWith(name => environment.GetValueOrDefault(name), "simulate", "--target", service.Address.ToString(), "--size", "demo", "--days", "1");

        Assert.Equal(Cli.Failed, exit);
        Assert.Contains(service.Requests, r => r.Request == "POST /api/import");
        Assert.All(service.Requests, r => Assert.Equal("Bearer from-env", r.Authorization));
    }

    [Fact]
    public async Task Without_a_token_no_authorization_header_is_sent()
    {
        using var service = new RecordingService();

        var (exit, _, _) = await Run("simulate", "--target", service.Address.ToString(), "--size", "demo", "--days", "1");

        Assert.Equal(Cli.Failed, exit);
        Assert.NotEmpty(service.Requests);
        Assert.All(service.Requests, r => Assert.Null(r.Authorization));
    }

    [Fact]
    public async Task The_hub_connection_carries_the_token_as_access_token()
    {
        using var service = new RecordingService();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        // The stand-in answers the WebSocket request with 401, so the connection fails; what it was sent is what counts.
        await Assert.ThrowsAnyAsync<Exception>(() => PushClient.ConnectAsync(service.Address, "hub-t0ken", "listener", ["all"], new PushObservations(), timeout.Token));

        var (request, query, _) = Assert.Single(service.Requests);
        Assert.Equal("GET /hubs/portfolio", request);
        Assert.Contains("access_token=hub-t0ken", query, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hub_address_carries_the_token_as_access_token()
    {
        var target = new Uri("http://127.0.0.1:5080/");

        Assert.Equal("http://127.0.0.1:5080/hubs/portfolio?access_token=a%2Bb%2Fc%3D", PushClient.HubAddress(target, "a+b/c=").AbsoluteUri);
        Assert.Equal("http://127.0.0.1:5080/hubs/portfolio", PushClient.HubAddress(target, null).AbsoluteUri);
    }
}
