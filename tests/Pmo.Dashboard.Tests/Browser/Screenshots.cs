namespace Pmo.Dashboard.Tests.Browser;

/// <summary>
/// Where the browser tests put their screenshots: the test project's TestResults/screenshots (an
/// artifact of the run, not committed), or the folder PMO_SCREENSHOT_DIR names (scripts/screenshots.sh
/// points it at docs/screenshots for the README).
/// </summary>
public static class Screenshots
{
    public static string Folder { get; } = Locate();

    public static async Task<string> SaveAsync(IPage page, string name)
    {
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        return path;
    }

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("PMO_SCREENSHOT_DIR") is { Length: > 0 } chosen) return Directory.CreateDirectory(chosen).FullName;
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Pmo.Dashboard.Tests.csproj")))
                return Directory.CreateDirectory(Path.Combine(directory.FullName, "TestResults", "screenshots")).FullName;
        return Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots")).FullName;
    }
}
