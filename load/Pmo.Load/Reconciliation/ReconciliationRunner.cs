using Pmo.Contracts;
using System.Collections.Concurrent;

namespace Pmo.Load.Reconciliation;

/// <summary>Reads a <see cref="ServiceSnapshot"/> through the public API and checks it.</summary>
public static class ReconciliationRunner
{
    /// <summary>Above this many projects (or resources), schedules and loads are compared on a random sample of this size.</summary>
    public const int SampleSize = 500;

    public static async Task<ReconciliationResult> RunAsync(ServiceClient client, int seed, CancellationToken cancellationToken)
    {
        var snapshot = await ReadAsync(client, seed, cancellationToken).ConfigureAwait(false);
        return Reconciler.Check(snapshot);
    }

    public static async Task<ServiceSnapshot> ReadAsync(ServiceClient client, int seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var export = await client.ExportAsync(cancellationToken).ConfigureAwait(false);
        var random = new Random(seed);
        var projectIds = (export.Projects ?? []).Select(p => p.Id!).ToList();

        // Roll-ups need every project's eac, so every project is read; only the comparisons are sampled.
        var projects = new ConcurrentDictionary<string, ProjectView>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(projectIds, Throttle(cancellationToken), async (id, token) =>
        {
            if (await client.GetProjectAsync(id, token).ConfigureAwait(false) is { } view) projects[id] = view;
        }).ConfigureAwait(false);

        var portfolios = await client.GetPortfoliosAsync(cancellationToken).ConfigureAwait(false);
        var alerts = await client.GetAllAlertsAsync("all", cancellationToken).ConfigureAwait(false);

        var resourceIds = (export.Resources ?? []).Select(r => r.Id!).ToList();
        var checkedResources = resourceIds.Count <= SampleSize
            ? resourceIds.ToHashSet(StringComparer.Ordinal)
            : resourceIds.OrderBy(_ => random.Next()).Take(SampleSize).ToHashSet(StringComparer.Ordinal);
        // Every resource an open ResourceConflict names is read, to check that the alert still holds.
        var latest = new Dictionary<string, AlertEntry>(StringComparer.Ordinal);
        foreach (var alert in alerts) latest[alert.Id] = alert;
        foreach (var alert in latest.Values)
            if (alert.State != "resolved" && alert.Subject.StartsWith("resource:", StringComparison.Ordinal))
                checkedResources.Add(alert.Subject["resource:".Length..]);

        // One day keeps the answer small: the runs are over the whole schedule whatever the window.
        var day = export.StatusDate ?? DocumentReading.Format(DateOnly.FromDateTime(DateTime.UtcNow));
        var loads = new ConcurrentDictionary<string, ResourceLoadView>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(checkedResources, Throttle(cancellationToken), async (id, token) =>
        {
            if (await client.GetResourceLoadAsync(id, day, day, token).ConfigureAwait(false) is { } load) loads[id] = load;
        }).ConfigureAwait(false);

        return new ServiceSnapshot
        {
            Export = export,
            Projects = projects,
            Portfolios = portfolios,
            ResourceLoads = loads,
            AlertLog = alerts,
            ScheduleSample = projectIds.Count <= SampleSize ? null : projectIds.OrderBy(_ => random.Next()).Take(SampleSize).ToHashSet(StringComparer.Ordinal),
            FallbackStatusDate = DateOnly.FromDateTime(DateTime.UtcNow),
        };
    }

    private static ParallelOptions Throttle(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken };
}
