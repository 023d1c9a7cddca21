using Pmo.Contracts.Commands;
using Pmo.Domain.Catalog;
using Pmo.Domain.Documents;

namespace Pmo.Grains.Tests;

/// <summary>Issues commands the way the HTTP API does and waits for their changes to settle.</summary>
public sealed class Driver(IGrainFactory grains)
{
    private static readonly TimeSpan SettleDeadline = TimeSpan.FromSeconds(30);

    public IGrainFactory Grains => grains;

    public IEnterpriseGrain Enterprise => grains.GetGrain<IEnterpriseGrain>(IEnterpriseGrain.Key);

    public IProjectGrain Project(string id) => grains.GetGrain<IProjectGrain>(id);

    public Task<ChangeStatus> Import(PortfolioDocument document) => Run(r => Enterprise.Import(r, document));

    public Task<ChangeStatus> Slip(string projectId, string taskId, int days) => Run(r => Project(projectId).Slip(r, new SlipTask { ProjectId = projectId, TaskId = taskId, Days = days }));

    /// <summary>Runs an accepted command to settlement; a refusal fails the test.</summary>
    public async Task<ChangeStatus> Run(Func<Ripple, Task<Refusal?>> command)
    {
        var (changeId, refusal) = await Issue(command);
        Assert.True(refusal is null, $"refused: {refusal?.Detail} {string.Join("; ", refusal?.Errors.Select(e => $"{e.Key}: {string.Join(",", e.Value)}") ?? [])}");
        return await Settled(changeId);
    }

    /// <summary>Issues a command without waiting; accepts it when the grain did.</summary>
    public async Task<(string ChangeId, Refusal? Refusal)> Issue(Func<Ripple, Task<Refusal?>> command)
    {
        var changeId = $"c-{Guid.NewGuid():N}";
        var refusal = await command(Ripple.Root(changeId));
        if (refusal is null) await grains.GetGrain<IChangeGrain>(changeId).Accept(DateTimeOffset.UtcNow);
        return (changeId, refusal);
    }

    /// <summary>Waits for the change's own termination detection to report it settled (deadline, not a fixed delay).</summary>
    public async Task<ChangeStatus> Settled(string changeId)
    {
        var change = grains.GetGrain<IChangeGrain>(changeId);
        var deadline = DateTime.UtcNow + SettleDeadline;
        while (true)
        {
            var status = await change.GetStatus();
            if (status?.Status == "settled") return status;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"change {changeId} did not settle: {status}");
            await Task.Delay(2);
        }
    }

    public async Task<ProjectView> View(string projectId) =>
        await Project(projectId).GetView() ?? throw new InvalidOperationException($"no project {projectId}");
}
