using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Pmo.Contracts.Commands;
using Pmo.Domain.Commands;
using Pmo.Host.Hosting;

namespace Pmo.Host.Api;

/// <summary>
/// PUT /api/portfolios/{id}, read by hand because the wire format needs it: an omitted parentId keeps
/// the parent, an explicit null makes a root (JSON binding cannot tell them apart), and every field of
/// the wrong type is named at once, in the portfolio's own words.
/// </summary>
public sealed class SentPortfolio : ISentCommand, IBindableFromHttpContext<SentPortfolio>, IEndpointParameterMetadataProvider
{
    private const string NotValid = "The portfolio is not valid.";

    private SentPortfolio(PutPortfolio? value, IResult? unreadable) => (Value, Unreadable) = (value!, unreadable);

    public PutPortfolio Value { get; }

    public IPmoCommand? Command => Value;

    public IResult? Unreadable { get; }

    public static async ValueTask<SentPortfolio?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var body = await JsonBody.Read<JsonObject>(context, context.RequestServices.GetRequiredService<PmoHostOptions>().MaxCommandBytes);
        if (body.Error is not null) return new(null, body.Error);
        var json = body.Value!;
        var errors = new Dictionary<string, string[]>();
        var put = new PutPortfolio
        {
            PortfolioId = context.Request.RouteValues["id"] as string ?? "",
            Name = Read<string>(json, "name", "a string", errors),
            ParentIdGiven = json.ContainsKey("parentId"),
            ParentId = Read<string>(json, "parentId", "a portfolio id (a string), or null to make a root", errors),
            Budget = Read<decimal?>(json, "budget", "a number >= 0", errors),
        };
        if (errors.Count == 0) return new(put, null);
        // With a field of the wrong type, the rules' own problems are named in the same answer.
        foreach (var (field, messages) in put.Check()?.Errors ?? new Dictionary<string, string[]>()) errors[field] = messages;
        return new(null, Problems.Invalid(errors, NotValid));
    }

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new AcceptsPortfolio());

    private static T? Read<T>(JsonObject json, string field, string expected, Dictionary<string, string[]> errors)
    {
        if (json[field] is not { } node) return default;
        try { return node.Deserialize<T>(JsonBody.Options); }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            errors[field] = [$"{field} must be {expected}."];
            return default;
        }
    }

    private sealed record AcceptsPortfolio : IAcceptsMetadata
    {
        public IReadOnlyList<string> ContentTypes { get; } = ["application/json"];
        public Type? RequestType => typeof(PutPortfolio);
        public bool IsOptional => false;
    }
}
