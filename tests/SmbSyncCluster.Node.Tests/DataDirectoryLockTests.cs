using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>A SQLite journal has one writer: a node on SQLite keeps one-shot syncs and other nodes out of its directory.</summary>
public sealed class DataDirectoryLockTests
{
    [Fact]
    public async Task A_sync_or_a_second_node_on_a_running_nodes_sqlite_directory_is_refused_in_one_line_naming_the_holder()
    {
        var data = Directory.CreateTempSubdirectory("smbsync-lock-").FullName;
        var local = Directory.CreateTempSubdirectory("smbsync-local-").FullName;
        var remote = Directory.CreateTempSubdirectory("smbsync-remote-").FullName;
        await using var node = NodeProcess.Start(CliProcess.Executable, data, []);
        await node.WaitReadyAsync();

        var sync = await CliProcess.RunAsync(null, "sync", local, remote, "--data-dir", data, "--json");
        var second = await CliProcess.RunAsync(null, "node", "--data-dir", data, "--port", $"{FreePort.Next()}", "--http", $"http://127.0.0.1:{FreePort.Next()}");

        // The sync is a run refused (3); the second node a configuration that cannot start (2).
        foreach (var (refused, code) in new[] { (sync, 3), (second, 2) })
        {
            Assert.True(refused.Code == code, refused.ToString());
            Assert.StartsWith($"smbsync: another smbsync process is using the data directory '{data}' (process ", refused.Err.Trim(), StringComparison.Ordinal);
            Assert.EndsWith("Z; see --data-dir)", refused.Err.Trim(), StringComparison.Ordinal);
            Assert.Single(refused.Err.Trim().Split('\n'));
        }
    }
}
