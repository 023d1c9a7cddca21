using Pmo.Domain.Catalog;
using Pmo.Domain.Documents;
using Pmo.Domain.Model;
using Pmo.Grains.Propagation;

namespace Pmo.Grains.Enterprise;

internal sealed partial class EnterpriseGrain
{
    public async Task<Refusal?> Import(Ripple ripple, PortfolioDocument document)
    {
        var plan = Catalog.ValidateImport(document, out var refusal);
        if (plan is null) return refusal;

        var ratesBefore = C.Resources.ToDictionary(r => r.Key, r => r.Value.CostRate);
        var timeframeBefore = Timeframe;
        Catalog.ApplyImport(plan);
        var timeframe = Timeframe;
        var timeframeChanged = timeframe.StatusDate != timeframeBefore.StatusDate
            || !timeframe.Calendar.WorkingDays.Order().SequenceEqual(timeframeBefore.Calendar.WorkingDays.Order())
            || !timeframe.Calendar.Holidays.Order().SequenceEqual(timeframeBefore.Calendar.Holidays.Order());

        await SaveAndTell(ripple, entry: null, async outbox =>
        {
            // Portfolios and resources first, so that the first reports of the projects find them defined.
            await Fanout.RunAsync(plan.Portfolios, p => Portfolio(p.Id).Define(outbox.Awaited(), p));
            if (plan.Portfolios.Count > 0) await TellPortfolioTree();
            await Fanout.RunAsync(plan.Resources, r => Resource(r.Id).Define(outbox.Awaited(), r, timeframe));

            var imported = plan.Projects.Select(p => p.Id).ToHashSet();
            await Fanout.RunAsync(plan.Projects, p => Project(p.Id).Define(outbox.Awaited(), Setup(p, timeframe)));

            // Stored projects outside the document hear only of what touches them.
            var relinked = plan.CrossLinks.SelectMany(l => new[] { l.From.ProjectId, l.To.ProjectId })
                .Where(p => !imported.Contains(p));
            await TellLinks(outbox, relinked);

            var repriced = plan.Resources.Where(r => ratesBefore.TryGetValue(r.Id, out var rate) && rate != r.CostRate).ToList();
            var repricing = repriced.SelectMany(r => Catalog.ProjectsUsing(r.Id).Where(p => !imported.Contains(p)).Select(p => (Project: p, Resource: r)));
            await Fanout.RunAsync(repricing, x => Project(x.Project).SetCostRate(outbox.Awaited(), x.Resource.Id, x.Resource.CostRate));

            if (timeframeChanged)
            {
                var definedResources = plan.Resources.Select(r => r.Id).ToHashSet();
                await Fanout.RunAsync(C.Projects.Keys.Where(p => !imported.Contains(p)),
                    p => Project(p).SetTimeframe(outbox.Awaited(), timeframe));
                await Fanout.RunAsync(C.Resources.Keys.Where(r => !definedResources.Contains(r)),
                    r => Resource(r).SetTimeframe(outbox.Awaited(), timeframe));
            }
        });
        return null;
    }

    private ProjectSetup Setup(ProjectDefinition project, Timeframe timeframe) => new()
    {
        Definition = project,
        Calendar = timeframe.Calendar,
        StatusDate = timeframe.StatusDate,
        CrossLinks = [.. Catalog.CrossLinksOf(project.Id)],
        CostRates = project.Tasks.SelectMany(t => t.Assignments).Select(a => a.ResourceId).Distinct()
            .ToDictionary(id => id, id => C.Resources[id].CostRate),
    };
}
