using System.Diagnostics;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Pmo.Load;

/// <summary>
/// Where the harness tells what it is doing. Plain lines always; progress bars only on an interactive
/// terminal. Redirected output (CI logs, tests) gets no animation and no colour, so every line in a log
/// is one the harness wrote, once.
/// </summary>
public sealed class Terminal
{
    private readonly IAnsiConsole _console;
    private readonly TextWriter _writer;

    public Terminal(TextWriter writer, bool animated)
    {
        _writer = writer;
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = animated ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = animated ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = animated ? InteractionSupport.Detect : InteractionSupport.No,
        });
        // A log has no width of its own; 80 columns would fold the summary table into unreadable cells.
        if (!animated) _console.Profile.Width = 200;
        Animated = animated;
    }

    /// <summary>Animated only when the writer is the console's own, not redirected, and not under CI.</summary>
    public static Terminal For(TextWriter writer) =>
        new(writer, ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null);

    public bool Animated { get; }

    /// <summary>
    /// One line of plain text (no markup is interpreted). Animated, it goes through the console so that
    /// it lands above a live progress bar; otherwise straight to the writer, never folded.
    /// </summary>
    public void Line(string text = "")
    {
        if (Animated) _console.WriteLine(text);
        else _writer.WriteLine(text);
    }

    public void Write(IRenderable renderable) => _console.Write(renderable);

    /// <summary>
    /// Runs one long step under a progress bar that fills with elapsed time when the step's length is
    /// known, and is indeterminate when it is not. Without animation it just runs the step.
    /// </summary>
    public async Task<T> StepAsync<T>(string description, TimeSpan? expected, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!Animated) return await work(cancellationToken).ConfigureAwait(false);
        return await _console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var bar = progress.AddTask(Markup.Escape(description), maxValue: 1);
                bar.IsIndeterminate = expected is null;
                var running = work(cancellationToken);
                var clock = Stopwatch.StartNew();
                // The bar's value is drawn, not waited on: the tick only decides how often it moves.
                using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
                while (await Task.WhenAny(running, tick.WaitForNextTickAsync().AsTask()).ConfigureAwait(false) != running)
                    if (expected is { } length && length > TimeSpan.Zero) bar.Value = Math.Min(0.99, clock.Elapsed / length);
                var result = await running.ConfigureAwait(false);
                bar.IsIndeterminate = false;
                bar.Value = bar.MaxValue;
                bar.StopTask();
                return result;
            }).ConfigureAwait(false);
    }

    public async Task StepAsync(string description, TimeSpan? expected, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await StepAsync<bool>(description, expected, async token =>
        {
            await work(token).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }
}
