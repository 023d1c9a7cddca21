namespace Pmo.Load.Service;

// What the service answers (CONTRACT.md "Queries") that the harness reads in a shape of its own: a
// command's 202 and a change's status (read while it may still be pending). Project, portfolio and
// resource-load views and the alert log are read as the service's own Pmo.Contracts records.

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
