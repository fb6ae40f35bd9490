using System.Net;
using System.Text.Json;
using SmbSyncCluster.Testing;
using Xunit.Abstractions;
using SmbSyncCluster.Sync.Runs;

namespace SmbSyncCluster.Node.Tests;

/// <summary>
/// SIGTERM on a node hosting a running job: the node leaves the cluster, hands its shards over and exits 0;
/// the job's run goes on and completes on the other node, from the shared PostgreSQL journal.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(ClusterCollection.Name)]
public sealed class GracefulLeaveTests(PostgresFixture postgres, SambaFixture samba, ITestOutputHelper output) : IClassFixture<PostgresFixture>, IClassFixture<SambaFixture>
{
    [Fact]
    public async Task A_node_told_to_stop_hands_its_running_job_over_and_the_run_completes_elsewhere()
    {
        var db = $"postgresql://postgres@127.0.0.1:{postgres.Server.Port}/{postgres.Database}";
        var ports = new[] { FreePort.Next(), FreePort.Next() };
        string[] Args() => ["--db", db, "--seed", $"127.0.0.1:{ports[0]}", "--seed", $"127.0.0.1:{ports[1]}"];
        var password = new Dictionary<string, string> { ["SMBSYNC_PASSWORD"] = SambaServer.Password };
        var root = Directory.CreateTempSubdirectory("smbsync-leave-").FullName;
        await using var first = NodeProcess.Start(CliProcess.Executable, Path.Combine(root, "a"), Args(), password, ports[0]);
        await using var second = NodeProcess.Start(CliProcess.Executable, Path.Combine(root, "b"), Args(), password, ports[1]);
        await Task.WhenAll(first.WaitReadyAsync(), second.WaitReadyAsync());

        var local = Directory.CreateTempSubdirectory("smbsync-local-").FullName;
        var name = "leave-" + Guid.NewGuid().ToString("N")[..8];
        var disk = Directory.CreateDirectory(Path.Combine(samba.Server.SharePath(), name)).FullName;
        var content = new byte[4000];
        for (var i = 0; i < 2500; i++)
        {
            Random.Shared.NextBytes(content);
            File.WriteAllBytes(Path.Combine(local, $"f{i:D5}.bin"), content);
        }
        var url = $"smb://{SambaServer.UserName}@127.0.0.1:{samba.Server.Port}/{SambaServer.ShareName}/{name}";
        using (var created = await first.PostJsonAsync("/api/jobs", new { id = name, localPath = local, remote = url, mode = "upload", workers = 1 }))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }
        using (var started = await first.Http.PostAsync($"/api/jobs/{name}/sync", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        }
        var runId = (await first.GetJsonAsync($"/api/jobs/{name}")).GetProperty("runId").GetString();
        while (Directory.GetFiles(disk).Length < 200)
        {
            await Task.Delay(20);
        }
        var hostAddress = (await first.GetJsonAsync($"/api/jobs/{name}")).GetProperty("node").GetString();
        var (leaving, staying) = hostAddress == first.Address ? (first, second) : (second, first);
        // A stream on the node that stays follows the job across the hand-over: it subscribes again when the job stops on the leaving node.
        using var streamWait = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var streamed = await staying.FollowEventsAsync(name, runId!, streamWait.Token);

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var exitCode = await leaving.TerminateAsync(TimeSpan.FromSeconds(60));
        var left = stopwatch.Elapsed;
        var copiedAtLeave = Directory.GetFiles(disk).Length;
        var job = await staying.GetJsonAsync($"/api/jobs/{name}");
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (LastRunId(job) != runId && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            job = await staying.GetJsonAsync($"/api/jobs/{name}");
        }
        output.WriteLine($"left in {left.TotalSeconds:0.0} s; run ended {stopwatch.Elapsed.TotalSeconds:0.0} s after the signal");
        var streamedEnd = await streamed.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(exitCode == 0, leaving.Log);
        Assert.True(copiedAtLeave < 2500, $"the stop must land mid-run ({copiedAtLeave} copied)");
        Assert.Equal(staying.Address, job.GetProperty("node").GetString());
        Assert.True(job.GetProperty("lastRun").GetProperty("outcome").GetString() == "completed", job.ToString() + staying.Log);
        Assert.Equal((staying.Address, "completed"), (streamedEnd.GetProperty("node").GetString(), streamedEnd.GetProperty("lastRun").GetProperty("outcome").GetString()));
        var synced = Directory.GetFiles(local).Where(f => !RootMarker.IsMarker(Path.GetFileName(f))).ToList(); // the job's mark is not content
        Assert.Equal(
            synced.Select(Path.GetFileName).Order(StringComparer.Ordinal),
            Directory.GetFiles(disk).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(synced, f => Assert.Equal(File.ReadAllBytes(f), File.ReadAllBytes(Path.Combine(disk, Path.GetFileName(f)))));
    }

    private static string? LastRunId(JsonElement job) =>
        job.GetProperty("lastRun") is { ValueKind: JsonValueKind.Object } last ? last.GetProperty("runId").GetString() : null;
}
