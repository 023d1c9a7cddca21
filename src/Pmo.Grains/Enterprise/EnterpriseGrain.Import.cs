using Microsoft.Extensions.Logging;
using Pmo.Domain.Catalog;
using Pmo.Domain.Documents;
using Pmo.Grains.Propagation;

namespace Pmo.Grains.Enterprise;

/// <summary>
/// An import is accepted once validated and recorded (<see cref="PendingImport"/> and the catalog), and
/// answered then; defining its grains is the grain's next turn (<see cref="ContinueImport"/>), so a
/// client never holds a request open for the minutes a large enterprise takes on PostgreSQL. The import
/// closes the structure gate from its check to its last definition: structural commands sent meanwhile
/// wait, and see every grain defined.
/// </summary>
internal sealed partial class EnterpriseGrain
{
    // The plan the accepted import was validated into, so the next turn need not validate again.
    private ImportPlan? _acceptedPlan;
    // The import's hold on the structure gate, from its check (or from an activation that finds it
    // pending) to its last definition.
    private bool _importHold;
    private bool _importFailed;

    public async Task<Refusal?> Import(Ripple ripple, PortfolioDocument document)
    {
        // Checked against a catalog no structural command is changing; the hold ends after the
        // definitions (ContinueImport), or now when the document is refused or cannot be recorded.
        var held = await HoldForImport();
        var plan = Catalog.ValidateImport(document, out var refusal);
        if (plan is null)
        {
            if (held) ReleaseImportHold();
            return refusal;
        }

        pendingImport.State = new PendingImport
        {
            ChangeId = ripple.ChangeId,
            Document = document,
            RepricedResources = [.. plan.Resources.Where(r => C.Resources.TryGetValue(r.Id, out var before) && before.CostRate != r.CostRate).Select(r => r.Id)],
            TimeframeChanged = ChangesTimeframe(plan),
        };
        try
        {
            await Persist(pendingImport.WriteStateAsync);
            Catalog.ApplyImport(plan);
            await _writes.WriteWhole();
        }
        catch
        {
            ReleaseImportHold();
            throw;
        }
        _acceptedPlan = plan;
        _ = this.AsReference<IEnterpriseGrain>().ContinueImport(ripple.ChangeId);
        return null;
    }

    public async Task ContinueImport(string changeId)
    {
        await HoldForImport();
        try
        {
            // Already done: a resume queued on activation and the import's own next turn both name it.
            if (pendingImport.State is not { Document: { } document } pending || pending.ChangeId != changeId) return;
            var plan = _acceptedPlan ?? await ReapplyAfterCrash(document);
            _acceptedPlan = null;
            var outbox = new Outbox(GrainFactory, Ripple.Root(changeId), "enterprise");
            if (plan is not null) await DefineImported(outbox, plan, pending);
            await Persist(pendingImport.ClearStateAsync);
            // Nothing pending now, whatever the provider leaves in State after a clear.
            pendingImport.State = new PendingImport();
            outbox.Flush();
        }
        catch
        {
            // The definitions did not all go out: the next activation finds the import pending and
            // hands them out again. Until this one goes, structural commands are refused (503), not
            // checked against grains that were never defined.
            _importFailed = true;
            DeactivateOnIdle();
            throw;
        }
        finally
        {
            // Another import recorded meanwhile keeps the hold until its own definitions are out.
            if (_importFailed || pendingImport.State is not { Document: not null }) ReleaseImportHold();
        }
    }

    /// <summary>Takes the import's hold on the structure gate unless it is taken; true when this call took it.</summary>
    private async Task<bool> HoldForImport()
    {
        if (_importHold) return false;
        _importHold = true;
        await _gate.CloseAsync();
        return true;
    }

    private void ReleaseImportHold()
    {
        if (!_importHold) return;
        _importHold = false;
        _gate.Open();
    }

    /// <summary>On an activation that finds an import pending, its definitions are handed out again.</summary>
    private void ResumePendingImport()
    {
        if (pendingImport.State is { Document: not null, ChangeId: { } changeId })
        {
            LogImportResumed(logger, changeId);
            _ = HoldForImport();
            _ = this.AsReference<IEnterpriseGrain>().ContinueImport(changeId);
        }
    }

    /// <summary>
    /// The crash may have come before the catalog was written or after; an import is an upsert, so
    /// applying the same document again to a catalog that already holds it changes nothing.
    /// </summary>
    private async Task<ImportPlan?> ReapplyAfterCrash(PortfolioDocument document)
    {
        var plan = Catalog.ValidateImport(document, out var refusal);
        if (plan is null)
        {
            LogImportNoLongerApplies(logger, refusal?.Detail ?? "");
            return null;
        }
        Catalog.ApplyImport(plan);
        await _writes.WriteWhole();
        return plan;
    }

    private async Task DefineImported(Outbox outbox, ImportPlan plan, PendingImport pending)
    {
        var timeframe = Timeframe;
        // Portfolios and resources first, so that the first reports of the projects find them defined.
        await Fanout.RunAsync(plan.Portfolios, p => Portfolio(p.Id).Define(outbox.Awaited(), p));
        if (plan.Portfolios.Count > 0) await TellPortfolioTree(PortfolioTree());
        await Fanout.RunAsync(plan.Resources, r => Resource(r.Id).Define(outbox.Awaited(), r, timeframe));

        var imported = plan.Projects.Select(p => p.Id).ToHashSet();
        await Fanout.RunAsync(plan.Projects, p => Project(p.Id).Define(outbox.Awaited(), Setup(p, timeframe)));

        // Stored projects outside the document hear only of what touches them.
        var relinked = plan.CrossLinks.SelectMany(l => new[] { l.From.ProjectId, l.To.ProjectId })
            .Where(p => !imported.Contains(p));
        await TellLinks(outbox, LinksOf(relinked));

        var repriced = plan.Resources.Where(r => pending.RepricedResources.Contains(r.Id)).ToList();
        var repricing = repriced.SelectMany(r => Catalog.ProjectsUsing(r.Id).Where(p => !imported.Contains(p)).Select(p => (Project: p, Resource: r)));
        await Fanout.RunAsync(repricing, x => Project(x.Project).SetCostRate(outbox.Awaited(), x.Resource.Id, x.Resource.CostRate));

        if (pending.TimeframeChanged)
        {
            var definedResources = plan.Resources.Select(r => r.Id).ToHashSet();
            await Fanout.RunAsync(C.Projects.Keys.Where(p => !imported.Contains(p)),
                p => Project(p).SetTimeframe(outbox.Awaited(), timeframe));
            await Fanout.RunAsync(C.Resources.Keys.Where(r => !definedResources.Contains(r)),
                r => Resource(r).SetTimeframe(outbox.Awaited(), timeframe));
        }
    }

    private bool ChangesTimeframe(ImportPlan plan) =>
        (plan.StatusDate is { } status && status != C.StatusDate)
        || (plan.Calendar is { } calendar
            && (!calendar.WorkingDays.Order().SequenceEqual(C.Calendar.WorkingDays.Order())
                || !calendar.Holidays.Order().SequenceEqual(C.Calendar.Holidays.Order())));

    private ProjectSetup Setup(ProjectDefinition project, Timeframe timeframe) => new()
    {
        Definition = project,
        Calendar = timeframe.Calendar,
        StatusDate = timeframe.StatusDate,
        CrossLinks = [.. Catalog.CrossLinksOf(project.Id)],
        CostRates = project.Tasks.SelectMany(t => t.Assignments).Select(a => a.ResourceId).Distinct()
            .ToDictionary(id => id, id => C.Resources[id].CostRate),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ChangeId} was accepted but not every grain had its definition; handing them out again")]
    private static partial void LogImportResumed(ILogger logger, string changeId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A pending import no longer applies to the catalog and was dropped: {Detail}")]
    private static partial void LogImportNoLongerApplies(ILogger logger, string detail);
}
