using System.Diagnostics.Metrics;

namespace Pmo.Grains.Hosting;

/// <summary>
/// The service's own metrics (meter "Pmo"), exported with Orleans' meters for Prometheus by the host.
/// Static because grains are created by Orleans and a meter is process-wide anyway.
/// </summary>
public static class PmoMetrics
{
    public const string MeterName = "Pmo";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> CommandsAccepted = Meter.CreateCounter<long>("pmo.commands.accepted", description: "Commands the API acknowledged");
    public static readonly Counter<long> CommandsRefused = Meter.CreateCounter<long>("pmo.commands.refused", description: "Commands refused as invalid, unknown or conflicting");
    public static readonly Counter<long> CommandsShed = Meter.CreateCounter<long>("pmo.commands.shed", description: "Commands refused with 503 because accepted changes were not settling in time");
    public static readonly Counter<long> ChangesUnheard = Meter.CreateCounter<long>("pmo.changes.unheard", description: "Accepted changes whose settlement the accepting host never heard of in time");
    public static readonly Counter<long> ChangesRepaired = Meter.CreateCounter<long>("pmo.changes.repaired", description: "Changes settled by the resync that followed a silo's loss, their own messages having died with it");
    public static readonly Counter<long> ChangesSettled = Meter.CreateCounter<long>("pmo.changes.settled", description: "Changes whose every effect has been applied");
    public static readonly Histogram<double> SettleLatency = Meter.CreateHistogram<double>("pmo.change.settle", unit: "ms", description: "From command accepted to change settled");
    public static readonly Histogram<long> GrainsTouched = Meter.CreateHistogram<long>("pmo.change.grains_touched", description: "Grains that handled a message of one change");
    public static readonly Counter<long> AlertsRaised = Meter.CreateCounter<long>("pmo.alerts.raised", description: "Alerts raised");
    public static readonly Histogram<double> JournalLatency = Meter.CreateHistogram<double>("pmo.alert_journal.append", unit: "ms", description: "Alert journal append latency");
    public static readonly Counter<long> StorageBatches = Meter.CreateCounter<long>("pmo.storage.batches", description: "Grain-state batches sent to PostgreSQL (one round trip and one commit each)");
    public static readonly Histogram<long> StorageBatchSize = Meter.CreateHistogram<long>("pmo.storage.batch_size", description: "Grain-state operations per batch");
    public static readonly Histogram<double> StorageLatency = Meter.CreateHistogram<double>("pmo.storage.latency", unit: "ms", description: "A grain-state operation from queued to committed, queueing included");
    public static readonly Counter<long> JournalErrors = Meter.CreateCounter<long>("pmo.alert_journal.errors", description: "Alert journal appends that failed");
}
