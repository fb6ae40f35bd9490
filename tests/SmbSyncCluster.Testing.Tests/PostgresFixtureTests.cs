using Npgsql;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Testing.Tests;

/// <summary>The PostgreSQL fixture gives each test class its own live database.</summary>
public sealed class PostgresFixtureTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_class_database_answers_queries()
    {
        await using var conn = new NpgsqlConnection(postgres.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("CREATE TABLE t(x int); INSERT INTO t VALUES (41); SELECT x + 1 FROM t", conn);

        var result = await cmd.ExecuteScalarAsync();

        Assert.Equal(42, result);
        Assert.Equal(postgres.Database, conn.Database);
    }
}
