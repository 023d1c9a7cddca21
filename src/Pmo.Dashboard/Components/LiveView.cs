using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Pmo.Dashboard.Data;

namespace Pmo.Dashboard.Components;

/// <summary>
/// A view that reads as the circuit's user and listens to the live feed. Each view subscribes for
/// itself, so a push re-renders the view it concerns and nothing else.
/// </summary>
public abstract class LiveView : ComponentBase, IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _subscriptions = [];
    private readonly CancellationTokenSource _closing = new();

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private ILiveFeed Feed { get; set; } = default!;

    /// <summary>Who the reads and the feed are for (anonymous when authentication is off).</summary>
    protected ClaimsPrincipal User { get; private set; } = new(new ClaimsIdentity());

    protected CancellationToken Closing => _closing.Token;

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null) User = (await AuthenticationState).User;
        await OnUserKnownAsync();
    }

    /// <summary>Load and subscribe here; <see cref="User"/> is set.</summary>
    protected abstract Task OnUserKnownAsync();

    /// <summary>Subscribes to a scope; each delivery runs on the renderer's context and re-renders this view.</summary>
    protected async Task ListenAsync(string scope, long? afterSeq, Func<LiveUpdate, Task> onUpdate)
    {
        var subscription = await Feed.SubscribeAsync(User, scope, afterSeq, update => InvokeAsync(async () =>
        {
            if (_closing.IsCancellationRequested) return;
            await onUpdate(update);
            StateHasChanged();
        }), Closing);
        _subscriptions.Add(subscription);
    }

    protected async Task StopListeningAsync()
    {
        foreach (var subscription in _subscriptions) await subscription.DisposeAsync();
        _subscriptions.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        await StopListeningAsync();
        _closing.Dispose();
        GC.SuppressFinalize(this);
    }
}
