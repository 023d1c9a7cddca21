namespace Pmo.Domain.EarnedValue;

/// <summary>What the baseline planned for one task: its working days StartDay..FinishDay-1 and its cost.
/// A milestone has StartDay == FinishDay and its cost falls on StartDay.</summary>
public sealed record TaskBaseline(int StartDay, int FinishDay, decimal Cost);
