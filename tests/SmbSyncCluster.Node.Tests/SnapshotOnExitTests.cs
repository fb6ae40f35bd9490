using Microsoft.Data.Sqlite;

namespace SmbSyncCluster.Node.Tests;

/// <summary>A one-shot sync's snapshot reaches the journal before the process exits.</summary>
public sealed class SnapshotOnExitTests
{
    [Fact]
    public async Task A_sync_that_records_many_paths_leaves_a_snapshot_in_the_data_directory()
    {
        var local = Directory.CreateTempSubdirectory("smbsync-local-").FullName;
        for (var i = 0; i < 1200; i++)
        {
            var directory = Path.Combine(local, $"d{i % 4}");
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, $"f{i}.txt"), "x");
        }
        var data = Directory.CreateTempSubdirectory("smbsync-data-").FullName;

        var sync = await CliProcess.RunAsync(null, "sync", local, Directory.CreateTempSubdirectory("smbsync-remote-").FullName, "--mode", "upload", "--data-dir", data, "--json");

        Assert.True(sync.Code == 0, sync.ToString());
        Assert.Equal(1200, sync.Count("uploaded"));
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "journal.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var query = new SqliteCommand("SELECT count(*) FROM snapshot", connection);
        Assert.Equal(1L, (long)(await query.ExecuteScalarAsync())!); // the run recorded 1,200 paths: its end takes one
    }
}
