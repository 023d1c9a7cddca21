namespace Pmo.Host.Access;

/// <summary>What an endpoint needs of its caller once scope has been judged.</summary>
public enum Right
{
    /// <summary>Any role: pmo, portfolio-manager or viewer.</summary>
    Read,
    /// <summary>pmo or portfolio-manager.</summary>
    Command,
    /// <summary>pmo alone (import, export, resource moves, the audit).</summary>
    Pmo,
}

/// <summary>What the path of an endpoint names, which decides both its scope check and its audit target.</summary>
public enum Target
{
    None,
    /// <summary>Route value <c>id</c> is a project.</summary>
    Project,
    /// <summary>Route values <c>id</c> (project) and <c>taskId</c>.</summary>
    Task,
    /// <summary>Route value <c>id</c> is a portfolio that must exist in scope.</summary>
    Portfolio,
    /// <summary>Route value <c>id</c> is a portfolio that may not exist yet (PUT creates it).</summary>
    PortfolioOrNew,
    Resource,
    /// <summary>Route value <c>changeId</c>: in scope when what its command named is (judged by the handler, which reads the change).</summary>
    Change,
    CrossLinks,
    Import,
}

/// <summary>
/// Endpoint metadata read by <see cref="AccessFilter"/> (scope, then role), the audit (action and target)
/// and the endpoint-coverage test. <paramref name="Action"/> is set on commands only: those are audited
/// and rate-limited. <paramref name="ScopedByBody"/>: the body names ids whose scope the handler judges
/// (before the role, so that an out-of-scope id answers as an unknown one would).
/// </summary>
public sealed record AccessRule(Right Right, Target Target, string? Action = null, bool ScopedByBody = false)
{
    public bool Allows(Caller caller) => Right switch
    {
        Right.Read => caller.MayRead,
        Right.Command => caller.MayCommand,
        _ => caller.IsPmo,
    };

    /// <summary>The audit's target: what the path names.</summary>
    public string? TargetOf(RouteValueDictionary route)
    {
        string Id(string name) => route[name] as string ?? "";
        return Target switch
        {
            Target.Project => $"project:{Id("id")}",
            Target.Task => $"task:{Id("id")}/{Id("taskId")}",
            Target.Portfolio or Target.PortfolioOrNew => $"portfolio:{Id("id")}",
            Target.Resource => $"resource:{Id("id")}",
            Target.CrossLinks => "crosslinks",
            Target.Import => "import",
            _ => null,
        };
    }
}
