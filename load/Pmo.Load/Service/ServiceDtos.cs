namespace Pmo.Load.Service;

// What the service answers (CONTRACT.md "Queries"), as the harness reads it. Only the fields the
// harness checks or reports are declared; anything the service adds is ignored.

public sealed record ChangeAcceptedDto(string? ChangeId);

public sealed record ChangeStatusDto
{
    public string? ChangeId { get; init; }
    public string? Status { get; init; }
    public int GrainsTouched { get; init; }
    public int AlertsRaised { get; init; }
    public DateTimeOffset? AcceptedAt { get; init; }
    public DateTimeOffset? SettledAt { get; init; }

    public bool Settled => string.Equals(Status, "settled", StringComparison.OrdinalIgnoreCase);
}

public sealed record TaskViewDto
{
    public string Id { get; init; } = "";
    public int Duration { get; init; }
    public decimal PercentComplete { get; init; }
    public DateOnly EarlyStart { get; init; }
    public DateOnly EarlyFinish { get; init; }
    public DateOnly LateStart { get; init; }
    public DateOnly LateFinish { get; init; }
    public int TotalFloat { get; init; }
    public bool Critical { get; init; }
    public DateOnly? Deadline { get; init; }
}

public sealed record ProjectViewDto
{
    public string Id { get; init; } = "";
    public string? PortfolioId { get; init; }
    public DateOnly Start { get; init; }
    public DateOnly Finish { get; init; }
    public DateOnly BaselineFinish { get; init; }
    public decimal Budget { get; init; }
    public decimal Eac { get; init; }
    public decimal Cpi { get; init; }
    public decimal Spi { get; init; }
    public decimal Ac { get; init; }
    public string? Health { get; init; }
    public List<TaskViewDto> Tasks { get; init; } = [];
}

public sealed record PortfolioViewDto
{
    public string Id { get; init; } = "";
    public string? ParentId { get; init; }
    public int ProjectCount { get; init; }
    public decimal Budget { get; init; }
    public decimal Eac { get; init; }
    public int OpenAlerts { get; init; }
    public DateOnly? Finish { get; init; }
}

public sealed record OverallocationDto
{
    public DateOnly From { get; init; }
    public DateOnly To { get; init; }
    public decimal Peak { get; init; }
}

public sealed record ResourceLoadDto
{
    public string? Id { get; init; }
    public decimal Capacity { get; init; }
    public List<OverallocationDto> Overallocated { get; init; } = [];
}

public sealed record AlertDto
{
    public long Seq { get; init; }
    public string Id { get; init; } = "";
    public string Kind { get; init; } = "";
    public string? Severity { get; init; }
    public string State { get; init; } = "";
    public string Subject { get; init; } = "";
    public List<string> PortfolioIds { get; init; } = [];
    public List<string> ProjectIds { get; init; } = [];
    public List<string> ResourceIds { get; init; } = [];
    public string? Message { get; init; }
    public string? ChangeId { get; init; }
    public DateTimeOffset At { get; init; }
}

public sealed record AlertPageDto
{
    public List<AlertDto> Items { get; init; } = [];
    public long LastSeq { get; init; }
}
