namespace Pmo.Contracts;

/// <summary>
/// Remembers the resyncs that followed a silo's death, so that a change whose one-way messages died
/// with that silo can still settle. Such a change's own effect was stored before its 202, and a resync
/// that began after it was accepted retold every project's current figures, which include that effect;
/// once that resync has settled, so has everything the change could still have caused.
/// </summary>
/// <remarks>In memory: it only has to outlive the changes it speaks for, which are in memory too.</remarks>
[Alias("pmo.silo-loss-ledger")]
public interface ISiloLossLedgerGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>A resync after a silo's loss is about to begin; its change id and when.</summary>
    [Alias("resync-started")] Task ResyncStarted(string changeId, DateTimeOffset startedAt);

    /// <summary>That resync has settled.</summary>
    [OneWay, Alias("resync-settled")] Task ResyncSettled(string changeId);

    /// <summary>The start of the latest settled loss resync: every change accepted before it has settled in effect.</summary>
    [Alias("repaired-through")] Task<DateTimeOffset?> RepairedThrough();
}
