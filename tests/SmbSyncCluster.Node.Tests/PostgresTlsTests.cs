using Npgsql;
using SmbSyncCluster.Node.Hosting;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>
/// The journal's TLS options as <c>--db</c> passes them, against a real PostgreSQL speaking TLS with a certificate of a
/// test authority: verified against that authority the connection is encrypted, against another it is refused.
/// </summary>
public sealed class PostgresTlsTests : IAsyncLifetime
{
    private readonly TestAuthority _authority = TestAuthority.Create("smbsync database CA");
    private readonly TestAuthority _stranger = TestAuthority.Create("some other CA");
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("smbsync-pg-tls-");
    private PostgresServer? _server;

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync(_authority.Issue("127.0.0.1"));

    [Fact]
    public async Task Verify_full_against_the_servers_authority_connects_over_tls()
    {
        await using var connection = new NpgsqlConnection(ConnectionString(_authority.CaFile));
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", connection);

        Assert.Equal(true, await query.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_server_certificate_of_another_authority_is_refused()
    {
        await using var connection = new NpgsqlConnection(ConnectionString(_stranger.CaFile));

        var e = await Assert.ThrowsAnyAsync<Exception>(() => connection.OpenAsync());

        Assert.Contains("certificate", e.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>What the node makes of a <c>--db</c> URL with TLS options and a password file.</summary>
    private string ConnectionString(string rootCertificate)
    {
        var password = Path.Combine(_dir.FullName, "db-password");
        File.WriteAllText(password, "unused-with-trust-authentication");
        var db = $"postgresql://postgres@127.0.0.1:{_server!.Port}/postgres?sslmode=verify-full&sslrootcert={Uri.EscapeDataString(rootCertificate)}";
        var settings = NodeSettings.Parse(["--db", db, "--db-password-file", password, "--data-dir", Path.Combine(_dir.FullName, "data")], _ => null);
        return new NpgsqlConnectionStringBuilder(settings.PostgresConnectionString) { Pooling = false }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        _authority.Dispose();
        _stranger.Dispose();
        _dir.Delete(recursive: true);
    }
}
