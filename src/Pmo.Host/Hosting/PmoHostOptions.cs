namespace Pmo.Host.Hosting;

/// <summary>
/// Settings of one host process (configuration section "Pmo"; README lists flags and variables).
/// </summary>
public sealed class PmoHostOptions
{
    public const string Section = "Pmo";
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>Orleans silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans client gateway port.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Silo port of the cluster's first silo, for a second or third host on the same machine in the
    /// embedded (localhost clustering) mode. Unset: this host is the first.
    /// </summary>
    public int? PrimarySiloPort { get; set; }

    /// <summary>Npgsql connection string: production mode (state and membership in PostgreSQL).</summary>
    public string? Postgres { get; set; }

    /// <summary>Apply (or upgrade) the PostgreSQL schema and exit.</summary>
    public bool InitDb { get; set; }

    /// <summary>Cluster and service id in production mode; silos with the same id form one cluster.</summary>
    public string ClusterId { get; set; } = "pmo";

    /// <summary>Address other silos reach this one at in production mode ("auto": first non-loopback IPv4).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Start empty instead of importing a generated demo portfolio.</summary>
    public bool NoDemo { get; set; }

    /// <summary>Seed of the generated demo portfolio.</summary>
    public int DemoSeed { get; set; } = 42;

    /// <summary>Run the simulation clock in production mode (the embedded default runs it unless <see cref="NoSimulate"/>).</summary>
    public bool Simulate { get; set; }

    /// <summary>Do not run the simulation clock in the embedded default.</summary>
    public bool NoSimulate { get; set; }

    /// <summary>Seconds of wall-clock time per simulated working day (the dashboard can change it).</summary>
    public double SimulationPace { get; set; } = 2;

    /// <summary>Whether this host drives its demo with the simulation clock.</summary>
    public bool RunsSimulation => Postgres is null ? Simulate || (!NoSimulate && !NoDemo) : Simulate;

    /// <summary>Largest portfolio document POST /api/import accepts, in bytes.</summary>
    public long MaxImportBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Largest body any other command accepts, in bytes.</summary>
    public long MaxCommandBytes { get; set; } = 64 * 1024;
}
