namespace Pmo.Grains.Alerts;

[GenerateSerializer, Alias("pmo.alert-log-state")]
public sealed class AlertLogState
{
    /// <summary>Portfolio id → parent id, as the enterprise grain last told it.</summary>
    [Id(0)] public Dictionary<string, string?> Parents { get; set; } = new();
}
