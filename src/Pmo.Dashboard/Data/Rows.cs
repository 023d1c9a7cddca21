namespace Pmo.Dashboard.Data;

// What the views show, in the dashboard's own terms: the host maps its grain views onto these, so
// the components (and their tests) need neither Orleans nor the host.

/// <summary>A portfolio's roll-up. <see cref="Health"/> is "green", "amber" or "red".</summary>
public sealed record PortfolioRow(
    string Id, string Name, string? ParentId, int ProjectCount, decimal Budget, decimal Eac,
    decimal Cpi, decimal Spi, string Health, int OpenAlerts, DateOnly? Finish);

public sealed record ProjectRow(
    string Id, string Name, string PortfolioId, decimal Budget, decimal Eac, decimal Cpi, decimal Spi,
    string Health, DateOnly Finish, DateOnly BaselineFinish, int OpenAlerts)
{
    /// <summary>Calendar days the finish lies after the baseline finish (negative: ahead).</summary>
    public int SlipDays => Finish.DayNumber - BaselineFinish.DayNumber;
}

public sealed record PortfolioOverview(IReadOnlyList<PortfolioRow> Portfolios, IReadOnlyList<ProjectRow> Projects);

/// <summary>An alert log entry (CONTRACT.md "Alerts"); <see cref="Seq"/> is its place in the log.</summary>
public sealed record AlertItem(
    long Seq, string Id, string Kind, string Severity, string State, string Subject,
    IReadOnlyList<string> PortfolioIds, IReadOnlyList<string> ProjectIds, IReadOnlyList<string> ResourceIds,
    string Message, string ChangeId, DateTimeOffset At);

public sealed record AlertPageResult(IReadOnlyList<AlertItem> Items, long LastSeq);

public sealed record GanttTask(
    string Id, string Name, int Duration, decimal PercentComplete, DateOnly Start, DateOnly Finish,
    DateOnly? BaselineStart, DateOnly? BaselineFinish, int TotalFloat, bool Critical, DateOnly? Deadline);

/// <summary>A link between tasks; inside a project both project ids are the same.</summary>
public sealed record TaskLink(string FromProject, string FromTask, string ToProject, string ToTask, string Type, int Lag);

public sealed record ProjectDetail(
    ProjectRow Summary, DateOnly Start, DateOnly StatusDate, decimal Bac, decimal Ev, decimal Ac, decimal Pv,
    IReadOnlyList<GanttTask> Tasks, IReadOnlyList<TaskLink> Links, IReadOnlyList<TaskLink> CrossLinks);

/// <summary>One resource in one week: the peak daily load against capacity, and whose work it is.</summary>
public sealed record ResourceWeek(DateOnly WeekStart, decimal PeakLoad, bool Overallocated, IReadOnlyList<string> Projects);

public sealed record ResourceLoadRow(string Id, string Name, string Pool, decimal Capacity, IReadOnlyList<ResourceWeek> Weeks);

public sealed record ResourceHeatMap(IReadOnlyList<DateOnly> Weeks, IReadOnlyList<ResourceLoadRow> Resources);

public sealed record DependencyNode(string ProjectId, string Name, string Health, DateOnly Finish, DateOnly BaselineFinish);

/// <summary>Cross links between two projects, folded into one edge.</summary>
public sealed record DependencyEdge(string FromProject, string ToProject, int Links);

public sealed record DependencyGraph(IReadOnlyList<DependencyNode> Nodes, IReadOnlyList<DependencyEdge> Edges);

public sealed record ProjectMoveRow(string ProjectId, DateOnly From, DateOnly To, int WorkingDays);

public sealed record ChangeTraceView(
    string ChangeId, string Status, int GrainsTouched, int AlertsRaised, DateTimeOffset AcceptedAt, DateTimeOffset? SettledAt,
    IReadOnlyList<ProjectMoveRow> Moves, IReadOnlyList<string> Resources, IReadOnlyList<string> Portfolios, IReadOnlyList<AlertItem> Alerts);

public sealed record SimulationState(bool Available, bool Running, TimeSpan Pace, DateOnly? StatusDate, int Days, string? LastChangeId);
