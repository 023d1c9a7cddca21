namespace Pmo.Host.Hosting;

/// <summary>
/// Maps the contract's command-line flags onto configuration keys. ASP.NET's command-line provider
/// wants a value after every switch, so bare flags such as --no-demo become "--Pmo:NoDemo=true".
/// </summary>
public static class HostArguments
{
    private static readonly Dictionary<string, string> Valued = new(StringComparer.OrdinalIgnoreCase)
    {
        ["--silo-port"] = "Pmo:SiloPort",
        ["--gateway-port"] = "Pmo:GatewayPort",
        ["--primary-silo-port"] = "Pmo:PrimarySiloPort",
        ["--postgres"] = "Pmo:Postgres",
        ["--demo-seed"] = "Pmo:DemoSeed",
        ["--cluster-id"] = "Pmo:ClusterId",
        ["--advertised-address"] = "Pmo:AdvertisedAddress",
        ["--simulation-pace"] = "Pmo:SimulationPace",
        ["--auth-signing-key"] = "Pmo:Auth:SigningKey",
        ["--auth-authority"] = "Pmo:Auth:Authority",
        ["--auth-audience"] = "Pmo:Auth:Audience",
        ["--auth-client-id"] = "Pmo:Auth:ClientId",
        ["--auth-client-secret"] = "Pmo:Auth:ClientSecret",
        ["--auth-scopes"] = "Pmo:Auth:Scopes",
    };

    private static readonly Dictionary<string, string> Flags = new(StringComparer.OrdinalIgnoreCase)
    {
        ["--no-demo"] = "Pmo:NoDemo",
        ["--init-db"] = "Pmo:InitDb",
        ["--simulate"] = "Pmo:Simulate",
        ["--no-simulate"] = "Pmo:NoSimulate",
    };

    /// <summary>Environment variables of the contract that are not in ASP.NET's own naming scheme.</summary>
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["PMO_SILO_PORT"] = "Pmo:SiloPort",
        ["PMO_GATEWAY_PORT"] = "Pmo:GatewayPort",
        ["PMO_PRIMARY_SILO_PORT"] = "Pmo:PrimarySiloPort",
        ["PMO_POSTGRES"] = "Pmo:Postgres",
        ["PMO_NO_DEMO"] = "Pmo:NoDemo",
        ["PMO_DEMO_SEED"] = "Pmo:DemoSeed",
        ["PMO_CLUSTER_ID"] = "Pmo:ClusterId",
        ["PMO_ADVERTISED_ADDRESS"] = "Pmo:AdvertisedAddress",
        ["PMO_SIMULATE"] = "Pmo:Simulate",
        ["PMO_NO_SIMULATE"] = "Pmo:NoSimulate",
        ["PMO_SIMULATION_PACE"] = "Pmo:SimulationPace",
        ["PMO_AUTH_SIGNING_KEY"] = "Pmo:Auth:SigningKey",
        ["PMO_AUTH_AUTHORITY"] = "Pmo:Auth:Authority",
        ["PMO_AUTH_AUDIENCE"] = "Pmo:Auth:Audience",
        ["PMO_AUTH_CLIENT_ID"] = "Pmo:Auth:ClientId",
        ["PMO_AUTH_CLIENT_SECRET"] = "Pmo:Auth:ClientSecret",
        ["PMO_AUTH_SCOPES"] = "Pmo:Auth:Scopes",
        ["PMO_RATE_LIMIT"] = "Pmo:RateLimit:PermitsPerSecond",
    };

    public static string[] Normalize(string[] args)
    {
        var result = new List<string>();
        foreach (var (variable, key) in Environment)
            if (System.Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
                result.Add($"--{key}={value}");
        for (var i = 0; i < args.Length; i++)
        {
            var (name, inline) = Split(args[i]);
            if (Flags.TryGetValue(name, out var flag)) result.Add($"--{flag}={inline ?? "true"}");
            else if (Valued.TryGetValue(name, out var key))
            {
                var value = inline ?? (i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value."));
                result.Add($"--{key}={value}");
            }
            else result.Add(args[i]);
        }
        return [.. result];
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var eq = arg.IndexOf('=');
        return eq < 0 ? (arg, null) : (arg[..eq], arg[(eq + 1)..]);
    }
}
