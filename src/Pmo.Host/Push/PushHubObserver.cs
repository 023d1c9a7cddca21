using Pmo.Contracts;

namespace Pmo.Host.Push;

/// <summary>This host's grain observer: every batch the cluster publishes lands here.</summary>
internal sealed class PushHubObserver(PushRouter router) : IPushHub
{
    public Task Deliver(PushBatch batch)
    {
        router.Receive(batch);
        return Task.CompletedTask;
    }
}
