namespace SmbSyncCluster.Testing;

/// <summary>xunit class fixture: one PostgreSQL server and one fresh database for the test class.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("the PostgreSQL fixture has not started");

    /// <summary>The database created for this test class.</summary>
    public string Database { get; private set; } = "";

    public string ConnectionString => Server.ConnectionString(Database);

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync();
        Database = await _server.CreateDatabaseAsync("test");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
