using System.Text.Json;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests.Jobs;

/// <summary><c>smbsync jobs stats</c> through a real node's HTTP front, its jobs synced with a real Samba share.</summary>
public sealed class JobsStatsCliTests(SingleNodeFixture fixture) : IClassFixture<SingleNodeFixture>
{
    private Task<CliResult> Jobs(params string[] args) => CliProcess.RunAsync(null, ["jobs", .. args, "--server", $"http://127.0.0.1:{fixture.Node.HttpPort}"]);

    [Fact]
    public async Task A_jobs_runs_add_up_in_its_statistics_and_the_clusters()
    {
        var (local, _, url) = fixture.NewPair();
        TestTrees.WriteFiles(local, 3, 1000);
        var bytes = Directory.GetFiles(local).Sum(f => new FileInfo(f).Length);
        var id = "stats-" + Guid.NewGuid().ToString("N")[..8];

        await Jobs("create", id, "--local", local, "--remote", url);
        var dry = await Jobs("sync", id, "--dry-run", "--follow"); // moves nothing: left out
        var first = await Jobs("sync", id, "--follow");
        var second = await Jobs("sync", id, "--follow");
        var json = await Jobs("stats", id, "--json");
        var text = await Jobs("stats", id);
        var cluster = await Jobs("stats", "--json");
        var clusterText = await Jobs("stats");
        var missing = await Jobs("stats", id + "-none");
        await Jobs("delete", id);

        Assert.True(dry.Code == 0 && first.Code == 0 && second.Code == 0, dry + first.ToString() + second);
        Assert.True(json.Code == 0, json.ToString());
        var stats = JsonDocument.Parse(json.Out).RootElement;
        Assert.Equal((2, 0, 1.0), (stats.GetProperty("runs").GetProperty("completed").GetInt32(), stats.GetProperty("runs").GetProperty("failed").GetInt32(), stats.GetProperty("successRate").GetDouble()));
        Assert.True(stats.GetProperty("p95Seconds").GetDouble() >= stats.GetProperty("meanSeconds").GetDouble() / 2, json.Out);
        var day = Assert.Single(stats.GetProperty("perDay").EnumerateArray());
        Assert.Equal((DateTime.UtcNow.ToString("yyyy-MM-dd"), 2, 3L, bytes), (day.GetProperty("day").GetString(), day.GetProperty("runs").GetInt32(), day.GetProperty("files").GetInt64(), day.GetProperty("bytes").GetInt64()));
        Assert.True(text.Code == 0, text.ToString());
        Assert.Contains("2 runs (2 completed, 0 failed, 0 aborted, 0 stopped)", text.Out, StringComparison.Ordinal);
        Assert.Contains("success 100%", text.Out, StringComparison.Ordinal);

        Assert.True(cluster.Code == 0, cluster.ToString());
        var all = JsonDocument.Parse(cluster.Out).RootElement;
        var listed = Assert.Single(all.GetProperty("jobs").EnumerateArray(), j => j.GetProperty("jobId").GetString() == id);
        Assert.Equal(2, listed.GetProperty("runs").GetProperty("completed").GetInt32());
        Assert.True(all.GetProperty("total").GetProperty("runs").GetProperty("completed").GetInt32() >= 2, cluster.Out);
        Assert.Contains(all.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("node").GetString() == listed.GetProperty("node").GetString());
        Assert.True(clusterText.Code == 0, clusterText.ToString());
        Assert.Contains(clusterText.Out.Split('\n'), line => line.StartsWith(id + " ", StringComparison.Ordinal));
        Assert.Equal((3, $"smbsync: job {id}-none does not exist"), (missing.Code, missing.Err.Trim()));
    }
}
