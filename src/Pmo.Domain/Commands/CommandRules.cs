using Pmo.Domain.Catalog;

namespace Pmo.Domain.Commands;

/// <summary>
/// What a command's own values must be, before any stored state is looked at: the one place each such
/// rule lives. Rules that need stored state (unknown ids, cycles, the schedule horizon) stay with the
/// catalog and the project figures. A refusal names the field, worded as the API has always worded it.
/// </summary>
public static class CommandRules
{
    /// <summary>Slips beyond this many working days in one command are refused as typing errors.</summary>
    public const int MaxSlipDays = 10_000;

    public static Refusal? Slip(int? days) => days switch
    {
        null => Field("days", "days is required (working days; negative shrinks)."),
        < -MaxSlipDays or > MaxSlipDays => Field("days", $"days must be between -{MaxSlipDays} and {MaxSlipDays}."),
        _ => null,
    };

    /// <summary>A slip the project's schedule could not hold (see ScheduleHorizon); judged on the slipped schedule.</summary>
    public static Refusal SlipPastHorizon(string taskId, int days) => new()
    {
        Kind = RefusalKind.Invalid,
        Detail = $"Slipping {taskId} by {days} days would run the schedule past {ScheduleHorizon.Latest:yyyy-MM-dd}.",
        Errors = new Dictionary<string, string[]> { ["days"] = [$"would run the schedule past {ScheduleHorizon.Latest:yyyy-MM-dd}"] },
    };

    public static Refusal? Progress(decimal? percentComplete, decimal? actualCost)
    {
        if (percentComplete is null && actualCost is null) return Field("percentComplete", "Give percentComplete, actualCost or both.");
        if (percentComplete is < 0 or > 100) return Field("percentComplete", "percentComplete must be between 0 and 100.");
        return actualCost is < 0 ? Field("actualCost", "actualCost must be >= 0.") : null;
    }

    public static Refusal? Budget(decimal? budget) => budget switch
    {
        null => Field("budget", "budget is required."),
        < 0 => Field("budget", "budget must be >= 0."),
        _ => null,
    };

    /// <summary>An explicit parent must name one; null (a root) is fine, a blank is nobody's id.</summary>
    public static Refusal? Parent(string? parentId) =>
        parentId is not null && string.IsNullOrWhiteSpace(parentId)
            ? Field("parentId", "parentId must name a portfolio; null makes a root, a blank is not an id.") with { Detail = "The portfolio is not valid." }
            : null;

    /// <summary>One bad field: the detail names it, the errors say what is wrong with it.</summary>
    public static Refusal Field(string field, string message) => new()
    {
        Kind = RefusalKind.Invalid,
        Detail = $"The request is not valid: {field}.",
        Errors = new Dictionary<string, string[]> { [field] = [message] },
    };
}
