namespace Pmo.Host.Access;

/// <summary>
/// For commands whose body names projects or portfolios (cross links, project moves, portfolio parents):
/// an id outside the caller's scope answers the 400 an unknown id gets, before the role is judged.
/// <see cref="Api.CommandFilter"/> asks it about the ids a command names (<c>IPmoCommand.Names</c>).
/// </summary>
public sealed class BodyScope(PortfolioAccess access)
{
    /// <summary>Null when every named id is visible (blank ones are left for the catalog to report) and the role allows the command.</summary>
    public async Task<IResult?> Check(HttpContext http, (string Field, string? Id)[] projects, (string Field, string? Id)[] portfolios)
    {
        var caller = Caller.From(http.User);
        if (caller.IsPmo) return null;
        var named = projects.Where(p => !string.IsNullOrWhiteSpace(p.Id)).ToList();
        var scope = await access.ScopeOf(http.User, named.Select(p => p.Id!.Trim()));
        var problems = new List<(string, string)>();
        foreach (var (field, id) in named)
            if (!scope.SeesProject(id!.Trim())) problems.Add((field, $"names no stored project: '{id.Trim()}'"));
        foreach (var (field, id) in portfolios)
            if (!string.IsNullOrWhiteSpace(id) && !scope.SeesPortfolio(id.Trim())) problems.Add((field, $"names no stored portfolio: '{id.Trim()}'"));
        if (problems.Count > 0) return AccessAnswers.UnknownInBody(problems);
        return caller.MayCommand ? null : AccessAnswers.Forbidden();
    }
}
