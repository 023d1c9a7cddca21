namespace Pmo.Load.Service;

// What the service answers (CONTRACT.md "Queries") that the harness reads in a shape of its own: the
// change status and the alert log, of which only the fields the harness checks are declared. Project,
// portfolio and resource-load views are read as the service's own Pmo.Contracts views.

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
