namespace Pmo.Domain.Documents;

/// <summary>
/// How much one portfolio document may hold. The body limit alone would let a 500 MB document carry a
/// million tasks in one project or a 100 MB project name; these bounds stop that before anything is
/// validated or stored. They sit well above what the generator's XL size (50,000 projects) produces.
/// </summary>
public static class DocumentLimits
{
    public const int MaxIdLength = 200;
    public const int MaxTextLength = 1_000;
    public const int MaxPortfolios = 50_000;
    public const int MaxResources = 200_000;
    public const int MaxProjects = 200_000;
    public const int MaxTasksPerProject = 10_000;
    public const int MaxLinksPerProject = 100_000;
    public const int MaxAssignmentsPerTask = 1_000;
    public const int MaxCrossLinks = 2_000_000;
    public const int MaxHolidays = 10_000;

    /// <summary>Every bound the document exceeds, as (field path, message); empty when it fits.</summary>
    public static List<(string Field, string Message)> Check(PortfolioDocument document)
    {
        var problems = new List<(string, string)>();
        void Count<T>(List<T>? list, string field, int max)
        {
            if (list?.Count > max) problems.Add((field, $"holds {list.Count:N0} entries; at most {max:N0} are accepted"));
        }
        void Text(string? value, string field, int max)
        {
            if (value?.Length > max) problems.Add((field, $"is {value.Length:N0} characters long; at most {max:N0} are accepted"));
        }

        Count(document.Portfolios, "portfolios", MaxPortfolios);
        Count(document.Resources, "resources", MaxResources);
        Count(document.Projects, "projects", MaxProjects);
        Count(document.CrossLinks, "crossLinks", MaxCrossLinks);
        Count(document.Calendar?.Holidays, "calendar.holidays", MaxHolidays);
        Count(document.Calendar?.WorkingDays, "calendar.workingDays", 7);
        Text(document.StatusDate, "statusDate", MaxIdLength);
        if (problems.Count > 0) return problems;

        for (var i = 0; i < (document.Portfolios?.Count ?? 0); i++)
        {
            var p = document.Portfolios![i];
            Text(p?.Id, $"portfolios[{i}].id", MaxIdLength);
            Text(p?.Name, $"portfolios[{i}].name", MaxTextLength);
            Text(p?.ParentId, $"portfolios[{i}].parentId", MaxIdLength);
        }
        for (var i = 0; i < (document.Resources?.Count ?? 0); i++)
        {
            var r = document.Resources![i];
            Text(r?.Id, $"resources[{i}].id", MaxIdLength);
            Text(r?.Name, $"resources[{i}].name", MaxTextLength);
            Text(r?.Pool, $"resources[{i}].pool", MaxTextLength);
        }
        for (var i = 0; i < (document.Projects?.Count ?? 0); i++)
        {
            var p = document.Projects![i];
            if (p is null) continue;
            var at = $"projects[{i}]";
            Text(p.Id, $"{at}.id", MaxIdLength);
            Text(p.Name, $"{at}.name", MaxTextLength);
            Text(p.PortfolioId, $"{at}.portfolioId", MaxIdLength);
            Text(p.Start, $"{at}.start", MaxIdLength);
            Count(p.Tasks, $"{at}.tasks", MaxTasksPerProject);
            Count(p.Links, $"{at}.links", MaxLinksPerProject);
            for (var t = 0; t < Math.Min(p.Tasks?.Count ?? 0, MaxTasksPerProject); t++)
            {
                var task = p.Tasks![t];
                Text(task?.Id, $"{at}.tasks[{t}].id", MaxIdLength);
                Text(task?.Name, $"{at}.tasks[{t}].name", MaxTextLength);
                Text(task?.Deadline, $"{at}.tasks[{t}].deadline", MaxIdLength);
                Count(task?.Assignments, $"{at}.tasks[{t}].assignments", MaxAssignmentsPerTask);
                foreach (var (a, n) in (task?.Assignments ?? []).Take(MaxAssignmentsPerTask).Select((a, n) => (a, n)))
                    Text(a?.ResourceId, $"{at}.tasks[{t}].assignments[{n}].resourceId", MaxIdLength);
            }
            for (var l = 0; l < Math.Min(p.Links?.Count ?? 0, MaxLinksPerProject); l++)
            {
                Text(p.Links![l]?.From, $"{at}.links[{l}].from", MaxIdLength);
                Text(p.Links[l]?.To, $"{at}.links[{l}].to", MaxIdLength);
                Text(p.Links[l]?.Type, $"{at}.links[{l}].type", MaxIdLength);
            }
        }
        for (var i = 0; i < (document.CrossLinks?.Count ?? 0); i++)
        {
            var c = document.CrossLinks![i];
            Text(c?.FromProject, $"crossLinks[{i}].fromProject", MaxIdLength);
            Text(c?.FromTask, $"crossLinks[{i}].fromTask", MaxIdLength);
            Text(c?.ToProject, $"crossLinks[{i}].toProject", MaxIdLength);
            Text(c?.ToTask, $"crossLinks[{i}].toTask", MaxIdLength);
            Text(c?.Type, $"crossLinks[{i}].type", MaxIdLength);
        }
        // Enough to say what is wrong without answering with a second oversized document.
        return problems.Count > 100 ? problems[..100] : problems;
    }
}
