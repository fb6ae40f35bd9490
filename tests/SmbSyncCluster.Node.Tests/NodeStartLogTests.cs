using System.Net;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>What a node's log says while it starts: its readiness once, no error line for the probes that find it joining.</summary>
public sealed class NodeStartLogTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_node_says_once_that_it_is_ready()
    {
        var data = Directory.CreateTempSubdirectory("smbsync-startlog-").FullName;
        await using var node = NodeProcess.Start(CliProcess.Executable, data, []);
        await node.WaitReadyAsync();
        await WaitForAsync(() => node.Log.Contains("node ready", StringComparison.Ordinal));

        Assert.Single(node.Log.Split('\n'), l => l.Contains("node ready", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_node_probed_while_it_cannot_join_yet_logs_no_error_per_probe()
    {
        var data = Directory.CreateTempSubdirectory("smbsync-startlog-").FullName;
        await using var node = NodeProcess.Start(CliProcess.Executable, data, 
            ["--seed", $"127.0.0.1:{FreePort.Next()}", "--db", $"postgresql://postgres@127.0.0.1:{postgres.Server.Port}/{postgres.Database}"]);
        // Probes /health/ready as kubelet and scripts do while a member joins.
        var notReady = 0;
        for (var probe = 0; probe < 100 && notReady < 20; probe++)
        {
            try
            {
                using var response = await node.Http.GetAsync("/health/ready");
                notReady += response.StatusCode == HttpStatusCode.ServiceUnavailable ? 1 : 0;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }

        Assert.Equal(20, notReady);
        Assert.DoesNotContain(node.Log.Split('\n'), l => l.Contains("Health check", StringComparison.Ordinal));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }
}
