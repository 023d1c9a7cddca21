namespace Pmo.Dashboard.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright (Playwright cannot download its own browser here). The
/// networking flags keep Chromium from its start-up connections, which this machine refuses.
/// Each browser gets a fresh user-data folder, removed on dispose.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private Chromium(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"{ExecutablePath} is missing: install it with `apt-get install -y chromium` (.ci/run does).");
        var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateTempSubdirectory("pmo-chromium-").FullName;
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(30_000);
        return new Chromium(playwright, context, profile);
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        _playwright.Dispose();
        try { Directory.Delete(_profile, recursive: true); }
        catch (IOException) { }
    }
}
