using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Pmo.Host.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server of the tests' own: initdb into a temporary folder (as the postgres user
/// when the tests run as root, since initdb refuses root), pg_ctl start on a free loopback port, and
/// everything stopped and removed afterwards. No Docker. Missing binaries fail the tests with a clear
/// message rather than skipping them: a durability claim that was never checked is not a pass.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    /// <summary>The database <see cref="ConnectionString"/> points at, created at start.</summary>
    public const string DefaultDatabase = "pmo_tests";

    private const string User = "postgres";
    private string _folder = "";
    private string _data = "";
    private string _bin = "";
    private bool _asPostgres;
    private bool _running;

    public int Port { get; private set; }

    /// <summary>The server's binaries folder (initdb, pg_ctl, postgres, psql …).</summary>
    public string BinDirectory => _bin;

    /// <summary>An empty database of its own, for tests that need just one.</summary>
    public string ConnectionString => ConnectionStringFor(DefaultDatabase);

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = Port, Database = database, Username = User, Timeout = 5,
        }.ConnectionString;

    public async Task InitializeAsync()
    {
        _bin = FindBinaries();
        _asPostgres = Environment.UserName == "root";
        _folder = Directory.CreateTempSubdirectory("pmo-pg-").FullName;
        _data = Path.Combine(_folder, "data");
        try
        {
            // initdb runs as postgres, which must own the folder it writes into.
            if (_asPostgres) await Run("chown", [User, _folder]);
            // --no-sync only skips flushing the fresh template files; the server itself keeps fsync on,
            // since the durability tests claim what a real server gives. Locale C: same sort order and
            // no dependency on the machine's locales.
            await RunPg("initdb", ["-D", _data, "-A", "trust", "-U", User, "-E", "UTF8", "--locale=C", "--no-sync"]);
            await StartOnFreePortAsync();
            AppDomain.CurrentDomain.ProcessExit += StopOnExit;
            await CreateDatabaseAsync(DefaultDatabase);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>A new empty database on this server (dropped first if a test made it before).</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        if (name.Length == 0 || name.Length > 63 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"Use letters, digits and underscores for a test database name, not '{name}'.", nameof(name));
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", $"CREATE DATABASE \"{name}\"" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
        return ConnectionStringFor(name);
    }

    public async Task DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
        try
        {
            // Immediate: the server's data is thrown away next, so a clean checkpoint is wasted time.
            if (_running) await RunPg("pg_ctl", ["-D", _data, "-m", "immediate", "-w", "stop"]);
            _running = false;
        }
        finally
        {
            if (_folder.Length > 0)
                try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>A free loopback TCP port (free when asked; callers retry if someone takes it meanwhile).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try { return ((IPEndPoint)listener.LocalEndpoint).Port; }
        finally { listener.Stop(); }
    }

    /// <summary>The port is free when chosen but another process may take it before postgres binds: retry.</summary>
    private async Task StartOnFreePortAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            try
            {
                await RunPg("pg_ctl", ["-D", _data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "start",
                    "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=32MB"]);
                _running = true;
                break;
            }
            catch (InvalidOperationException e)
            {
                if (attempt < 3) continue;
                // pg_ctl only says it failed; the server's own log says why.
                var log = Path.Combine(_folder, "server.log");
                throw new InvalidOperationException($"{e.Message}{Environment.NewLine}server.log:{Environment.NewLine}{(File.Exists(log) ? File.ReadAllText(log) : "(none)")}", e);
            }
        }
        // pg_ctl -w waits for the server to accept connections; confirm over TCP, as the tests connect.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>A test run killed half-way still stops its server rather than leaving it running.</summary>
    private void StopOnExit(object? sender, EventArgs e)
    {
        if (!_running) return;
        try
        {
            var start = PgStartInfo("pg_ctl", ["-D", _data, "-m", "immediate", "stop"]);
            using var process = Process.Start(start);
            process?.WaitForExit(10_000);
        }
        catch (System.ComponentModel.Win32Exception) { }
    }

    private static string FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "initdb"))
                ? configured
                : throw new InvalidOperationException($"PG_BIN is '{configured}', but it has no initdb. Point it at a PostgreSQL server's bin folder.");
        }
        // The newest installed major version: /usr/lib/postgresql/<major>/bin (compared as numbers: 9.6 < 15).
        var found = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Bin: Path.Combine(d, "bin"), Major: decimal.TryParse(Path.GetFileName(d), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(b => File.Exists(Path.Combine(b.Bin, "initdb")))
                .OrderBy(b => b.Major).Select(b => b.Bin).LastOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin or $PG_BIN; " +
            "the storage tests need a real server. Install it: apt-get install -y postgresql");
    }

    private ProcessStartInfo PgStartInfo(string tool, string[] arguments) =>
        _asPostgres
            ? StartInfo("runuser", ["-u", User, "--", Path.Combine(_bin, tool), .. arguments])
            : StartInfo(Path.Combine(_bin, tool), arguments);

    private Task RunPg(string tool, string[] arguments) => Run(PgStartInfo(tool, arguments));

    private static Task Run(string file, string[] arguments) => Run(StartInfo(file, arguments));

    private static ProcessStartInfo StartInfo(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return start;
    }

    private static async Task Run(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{start.FileName} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}:{Environment.NewLine}{await output}{await error}");
    }
}

/// <summary>One server for every storage test class; xunit runs a collection's tests one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
