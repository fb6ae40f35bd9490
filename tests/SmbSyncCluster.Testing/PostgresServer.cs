using System.Globalization;
using Npgsql;

namespace SmbSyncCluster.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster: <c>initdb</c> as an unprivileged user into a temp directory, started
/// with <c>pg_ctl</c> on a free loopback port with trust authentication, removed on dispose.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string Hint = "install the Debian package 'postgresql'";
    private readonly string _pgCtl;
    private readonly string? _runAs;

    private PostgresServer(string root, int port, string pgCtl, string? runAs)
    {
        Root = root;
        Port = port;
        _pgCtl = pgCtl;
        _runAs = runAs;
    }

    public string Root { get; }
    public int Port { get; }
    private string DataDir => Path.Combine(Root, "data");

    /// <summary>Connection string to <paramref name="database"/> as the superuser <c>postgres</c>.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=false";

    /// <summary>Starts a server; with <paramref name="tls"/>, it also speaks TLS with that certificate and key.</summary>
    public static async Task<PostgresServer> StartAsync(CertificateFiles? tls = null)
    {
        var binDirs = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")).ToArray()
            : [];
        var initdb = ExternalTool.Find("initdb", Hint, binDirs);
        var pgCtl = ExternalTool.Find("pg_ctl", Hint, binDirs);

        // PostgreSQL refuses to run as root: when we are root, run it as the 'postgres' account.
        string? runAs = ExternalTool.IsRoot ? "postgres" : null;
        var root = Directory.CreateTempSubdirectory("smbsync-pg-").FullName;
        if (runAs is not null)
        {
            ExternalTool.Run("/bin/chown", [runAs, root]);
        }
        var port = FreePort.Next();
        var server = new PostgresServer(root, port, pgCtl, runAs);
        try
        {
            server.RunPg(initdb, ["-D", server.DataDir, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
            var ssl = tls is null ? "" : " " + server.TlsOptions(tls);
            server.RunPg(pgCtl, ["-D", server.DataDir, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "-o",
                $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200{ssl}", "start"]);
            await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(30), server.ReadLog);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>The server's TLS settings, its certificate and key copied where it may read them (the key private to it).</summary>
    private string TlsOptions(CertificateFiles tls)
    {
        var certificate = Path.Combine(Root, "server.crt");
        var key = Path.Combine(Root, "server.key");
        File.Copy(tls.Certificate, certificate);
        File.Copy(tls.Key, key);
        ExternalTool.Run("/bin/chmod", ["600", key]);
        if (_runAs is not null)
        {
            ExternalTool.Run("/bin/chown", [_runAs, certificate, key]);
        }
        return $"-c ssl=on -c ssl_cert_file={certificate} -c ssl_key_file={key}";
    }

    private string ReadLog()
    {
        var log = Path.Combine(Root, "server.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no server log)";
    }

    private void RunPg(string tool, string[] args)
    {
        if (_runAs is null)
        {
            ExternalTool.Run(tool, args);
        }
        else
        {
            ExternalTool.Run(ExternalTool.Find("runuser", "install the Debian package 'util-linux'"), ["-u", _runAs, "--", tool, .. args]);
        }
    }

    /// <summary>Creates a fresh database and returns its name.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{prefix.ToLowerInvariant()}_{Guid.NewGuid():N}");
        await using var conn = new NpgsqlConnection(ConnectionString());
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
        return name;
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(DataDir, "postmaster.pid")))
            {
                RunPg(_pgCtl, ["-D", DataDir, "-m", "immediate", "-w", "stop"]);
            }
        }
        finally
        {
            Directory.Delete(Root, recursive: true);
        }
        return ValueTask.CompletedTask;
    }
}
