namespace Pmo.Host.Tests.Access;

/// <summary>
/// A small enterprise for access tests, fresh per use: a root with two sibling portfolios, <c>a</c> (granted
/// to the manager and the viewer) and <c>b</c> (outside their scope), each with projects and an empty
/// sub-portfolio, one shared resource, and a cross link inside <c>a</c>.
/// </summary>
public sealed record AccessWorld(string X)
{
    public string Root => X + "root";
    public string In => X + "a";
    public string Out => X + "b";
    public string InEmpty => X + "a-empty";
    public string OutEmpty => X + "b-empty";
    public string InProject => X + "pa";
    public string InProject2 => X + "pa2";
    public string OutProject => X + "pb";
    public string Resource => X + "r";

    public object Document() => Doc.Document(
        portfolios:
        [
            Doc.Portfolio(Root), Doc.Portfolio(In, parentId: Root), Doc.Portfolio(Out, parentId: Root),
            Doc.Portfolio(InEmpty, parentId: In), Doc.Portfolio(OutEmpty, parentId: Out),
        ],
        resources: [Doc.Resource(Resource, capacity: 1)],
        projects:
        [
            Project(InProject, In, 0.75m),
            Project(InProject2, In, 0),
            Project(OutProject, Out, 0.75m),
        ],
        crossLinks: [Doc.CrossLink(InProject, "t2", InProject2, "t1"), Doc.CrossLink(InProject, "t2", OutProject, "t1")]);

    private object Project(string id, string portfolio, decimal units) => Doc.Project(id, portfolio,
        [Doc.Task("t1", 5, fixedCost: 100, assignments: units > 0 ? [Doc.Assign(Resource, units)] : null), Doc.Task("t2", 3)],
        links: [Doc.Link("t1", "t2")]);

    public static async Task<AccessWorld> Create(PmoClient pmo, string tag)
    {
        var world = new AccessWorld(Doc.Prefix(tag));
        await pmo.Import(world.Document());
        return world;
    }

    public string Manager => Tokens.Manager("ana", In);
    public string Viewer => Tokens.Viewer("vic", In);
}
