using Pmo.Domain.Calendar;
using Pmo.Domain.EarnedValue;
using Pmo.Domain.Resources;

namespace Pmo.Contracts;

// Messages grains tell each other. All are immutable so that Orleans passes them between grains
// of one silo without a defensive deep copy; Pmo.Domain types inside them cross silos through
// the System.Text.Json codec registered in PmoSerialization.

/// <summary>Early dates of tasks of the sending project that are the from-end of cross links.</summary>
[GenerateSerializer, Immutable, Alias("pmo.early-dates")]
public sealed record BoundaryEarlyDates
{
    [Id(0)] public required string TaskId { get; init; }
    [Id(1)] public int EarlyStart { get; init; }
    [Id(2)] public int EarlyFinish { get; init; }
}

/// <summary>Late dates of tasks of the sending project that are the to-end of cross links.</summary>
[GenerateSerializer, Immutable, Alias("pmo.late-dates")]
public sealed record BoundaryLateDates
{
    [Id(0)] public required string TaskId { get; init; }
    [Id(1)] public int LateStart { get; init; }
    [Id(2)] public int LateFinish { get; init; }
}

/// <summary>What a project grain is given when it is created or replaced by an import.</summary>
[GenerateSerializer, Immutable, Alias("pmo.project-setup")]
public sealed record ProjectSetup
{
    [Id(0)] public required ProjectDefinition Definition { get; init; }
    [Id(1)] public required CalendarSpec Calendar { get; init; }
    [Id(2)] public DateOnly? StatusDate { get; init; }
    [Id(3)] public required CrossLink[] CrossLinks { get; init; }
    /// <summary>Cost rate of every resource the project's assignments name.</summary>
    [Id(4)] public required Dictionary<string, decimal> CostRates { get; init; }
}

/// <summary>A project's figures as its portfolio rolls them up.</summary>
[GenerateSerializer, Immutable, Alias("pmo.project-summary")]
public sealed record ProjectSummary
{
    [Id(0)] public required string ProjectId { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required string PortfolioId { get; init; }
    [Id(3)] public EarnedValueTotals Totals { get; init; }
    [Id(4)] public decimal Budget { get; init; }
    [Id(5)] public DateOnly Finish { get; init; }
    [Id(6)] public DateOnly BaselineFinish { get; init; }
    [Id(7)] public Health Health { get; init; }
    [Id(8)] public int OpenAlerts { get; init; }
}

/// <summary>A portfolio subtree's figures as its parent rolls them up.</summary>
[GenerateSerializer, Immutable, Alias("pmo.subtree-totals")]
public sealed record SubtreeTotals
{
    [Id(0)] public required string PortfolioId { get; init; }
    [Id(1)] public EarnedValueTotals Totals { get; init; }
    [Id(2)] public decimal Eac { get; init; }
    [Id(3)] public int ProjectCount { get; init; }
    [Id(4)] public DateOnly? Finish { get; init; }
}

/// <summary>The load one project places on one resource.</summary>
[GenerateSerializer, Immutable, Alias("pmo.project-load")]
public sealed record ProjectLoad
{
    [Id(0)] public required string ProjectId { get; init; }
    [Id(1)] public required string PortfolioId { get; init; }
    [Id(2)] public required LoadSegment[] Segments { get; init; }
}

/// <summary>The calendar and status date every schedule is computed against.</summary>
[GenerateSerializer, Immutable, Alias("pmo.timeframe")]
public sealed record Timeframe
{
    [Id(0)] public required CalendarSpec Calendar { get; init; }
    [Id(1)] public DateOnly? StatusDate { get; init; }
}
