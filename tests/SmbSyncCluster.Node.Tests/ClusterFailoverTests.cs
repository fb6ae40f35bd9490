using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;
using SmbSyncCluster.Sync.Runs;

namespace SmbSyncCluster.Node.Tests;

/// <summary>Cluster tests start several node processes each: they run alone, after the other test classes.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}

/// <summary>
/// Three <c>smbsync node</c> processes sharing one PostgreSQL journal; the member hosting the most running
/// jobs is killed (SIGKILL) mid-transfer. Its jobs must resume on the survivors and every run must complete,
/// with both trees identical and no file the journal had recorded copied again; the killed node, started
/// again on its port, rejoins and hosts jobs again. Run alone with <c>--filter Category=Cluster</c>.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(ClusterCollection.Name)]
public sealed class ClusterFailoverTests(SambaFixture samba, PostgresFixture postgres, ITestOutputHelper output)
    : IClassFixture<SambaFixture>, IClassFixture<PostgresFixture>
{
    private const int Jobs = 8;

    /// <summary>Files per job: with one or two workers and eight jobs on two cores, a run lasts well beyond the kill.</summary>
    private const int FilesPerJob = 1500;

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    [Fact]
    public async Task Jobs_of_a_killed_node_resume_on_the_survivors_without_copying_recorded_files_again()
    {
        var root = Directory.CreateTempSubdirectory("smbsync-failover-").FullName;
        var ports = new[] { FreePort.Next(), FreePort.Next(), FreePort.Next() };
        string[] args = ["--seed", $"127.0.0.1:{ports[0]}", "--seed", $"127.0.0.1:{ports[1]}",
            "--db", $"postgresql://postgres@127.0.0.1:{postgres.Server.Port}/{postgres.Database}"];
        var environment = new Dictionary<string, string> { ["SMBSYNC_PASSWORD"] = SambaServer.Password };
        var nodes = new List<NodeProcess>();
        var started = new List<NodeProcess>(); // the killed one too: its log is in the failure message
        NodeProcess StartNode(int index)
        {
            var node = NodeProcess.Start(CliProcess.Executable, Path.Combine(root, $"node{index}"), args, environment, port: ports[index]);
            started.Add(node);
            return node;
        }
        try
        {
            // 1. Three members, all Up, before any job is placed (else the first ones get them all).
            nodes.AddRange(Enumerable.Range(0, 3).Select(StartNode));
            await Task.WhenAll(nodes.Select(n => n.WaitReadyAsync(TimeSpan.FromSeconds(90))));
            var front = nodes[0];
            await WaitForAsync("three members Up", async () => await front.MembersUpAsync() == 3, TimeSpan.FromSeconds(60));
            Log($"cluster of 3 up on remoting ports {string.Join(", ", ports)}");

            // 2. Eight jobs through one front, each its own local tree and directory on the share.
            var jobs = Enumerable.Range(0, Jobs).Select(i => CreateTree(root, i)).ToList();
            foreach (var job in jobs)
            {
                using var created = await front.PostJsonAsync("/api/jobs", new
                {
                    id = job.Id,
                    localPath = job.Local,
                    remote = $"smb://{SambaServer.UserName}@127.0.0.1:{samba.Server.Port}/{SambaServer.ShareName}/{job.Id}",
                    mode = "upload",
                    workers = job.Workers,
                });
                Assert.True(created.StatusCode == System.Net.HttpStatusCode.Created, $"create {job.Id}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
            }
            var runIds = new Dictionary<string, string>();
            foreach (var job in jobs)
            {
                using var accepted = await front.Http.PostAsync($"/api/jobs/{job.Id}/sync", null);
                var body = await accepted.Content.ReadAsStringAsync();
                Assert.True(accepted.StatusCode == System.Net.HttpStatusCode.Accepted, $"sync {job.Id}: {(int)accepted.StatusCode} {body}");
                runIds[job.Id] = JsonDocument.Parse(body).RootElement.GetProperty("runId").GetString()!;
            }
            Log("8 jobs created and started");

            // 3. All running, each with items recorded: then the member hosting the most of them goes.
            Dictionary<string, JsonElement> views = [];
            await WaitForAsync("every job running with items recorded", async () =>
            {
                views = await ViewsAsync(front, jobs);
                var done = views.Values.Where(v => v.GetProperty("status").GetString() != "running").Select(v => v.GetProperty("id").GetString()).ToList();
                Assert.True(done.Count == 0, $"runs ended before the kill (make them longer): {string.Join(", ", done)}");
                return views.Count == Jobs && (await RecordedFilesAsync(jobs)).Values.All(paths => paths.Count >= 10);
            }, TimeSpan.FromSeconds(90));
            var hosts = views.Values.GroupBy(v => v.GetProperty("node").GetString()!).OrderByDescending(g => g.Count()).ToList();
            var victimIndex = nodes.FindIndex(n => n.Address == hosts[0].Key);
            Assert.True(victimIndex >= 0, $"no node has the address {hosts[0].Key}");
            var victim = nodes[victimIndex];
            var moved = hosts[0].Select(v => v.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToList();
            Log($"placement: {string.Join("; ", hosts.Select(g => $"{g.Key} -> {string.Join(",", g.Select(v => v.GetProperty("id").GetString()))}"))}");

            // A stream on a survivor follows one of the victim's jobs: it subscribes again once the job's node is gone.
            using var streamWait = new CancellationTokenSource(Patience + TimeSpan.FromMinutes(1));
            var streamed = await nodes.First(n => n != victim).FollowEventsAsync(moved[0], runIds[moved[0]], streamWait.Token);
            victim.Kill();
            var killedAt = _clock.Elapsed;
            Log($"SIGKILL {victim.Address} hosting {string.Join(", ", moved)}");
            var survivors = nodes.Where(n => n != victim).ToList();

            // 4. What the journal had recorded at the kill, and the share's inodes of those files.
            var recorded = await RecordedFilesAsync(jobs);
            var inodes = jobs.ToDictionary(j => j.Id, j => Inodes(j.Remote));
            var atKill = new Dictionary<(string Job, string Path), long>();
            foreach (var job in jobs)
            {
                foreach (var path in recorded[job.Id])
                {
                    Assert.True(inodes[job.Id].TryGetValue(path, out var inode), $"{job.Id}: '{path}' is recorded as synced but is not on the share");
                    atKill[(job.Id, path)] = inode;
                }
            }
            foreach (var id in moved)
            {
                Assert.True(recorded[id].Count is > 0 and < FilesPerJob, $"the kill must land mid-run: job {id} had {recorded[id].Count} of {FilesPerJob} files recorded");
            }
            Log($"recorded at the kill: {string.Join(", ", jobs.Select(j => $"{j.Id}={recorded[j.Id].Count}"))}");

            // 5. Every run in flight at the kill completes on the survivors; the killed node's jobs move.
            var relocated = new Dictionary<string, TimeSpan>();
            await WaitForAsync("every run completed on the survivors", async () =>
            {
                views = await ViewsAsync(survivors[0], jobs);
                foreach (var id in moved.Where(id => !relocated.ContainsKey(id) && views.TryGetValue(id, out var v) && v.GetProperty("node").GetString() != victim.Address))
                {
                    relocated[id] = _clock.Elapsed - killedAt;
                    Log($"{id} answered from {views[id].GetProperty("node").GetString()} {relocated[id].TotalSeconds:F1}s after the kill");
                }
                return views.Count == Jobs && views.Values.All(v =>
                    v.GetProperty("status").GetString() != "running" && LastRunId(v) == runIds[v.GetProperty("id").GetString()!]);
            }, Patience);
            foreach (var (id, view) in views)
            {
                var last = view.GetProperty("lastRun");
                Assert.True(last.GetProperty("outcome").GetString() == "completed" && last.GetProperty("failed").GetInt32() == 0,
                    $"{id}: the run in flight at the kill did not complete: {view}");
                Assert.True(survivors.Any(s => s.Address == view.GetProperty("node").GetString()), $"{id} is not hosted by a survivor: {view}");
            }
            var streamedEnd = await streamed.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(streamedEnd.GetProperty("lastRun").GetProperty("outcome").GetString() == "completed" && streamedEnd.GetProperty("node").GetString() != victim.Address,
                $"the stream of {moved[0]} ended with {streamedEnd}");
            Log($"the stream of {moved[0]} opened on a survivor showed its run completed on {streamedEnd.GetProperty("node").GetString()}");
            Log("every run completed; uploaded by the run (files that landed but were not recorded at the kill are found converged, not counted): " +
                string.Join(", ", views.Values.Select(v => $"{v.GetProperty("id").GetString()}={v.GetProperty("lastRun").GetProperty("uploaded").GetInt32()}")));

            // 6. Both trees identical, and nothing recorded at the kill was written again.
            foreach (var job in jobs)
            {
                var local = Files(job.Local);
                var remote = Files(job.Remote);
                Assert.True(local.SequenceEqual(remote), $"{job.Id}: the trees differ: only local [{string.Join(", ", local.Except(remote))}], only remote [{string.Join(", ", remote.Except(local))}]");
                foreach (var file in local)
                {
                    Assert.True(File.ReadAllBytes(Path.Combine(job.Local, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(job.Remote, file))),
                        $"{job.Id}: '{file}' differs between the trees");
                }
                var after = Inodes(job.Remote);
                var copiedAgain = atKill.Where(r => r.Key.Job == job.Id && after[r.Key.Path] != r.Value).Select(r => r.Key.Path).ToList();
                Assert.True(copiedAgain.Count == 0, $"{job.Id}: recorded before the kill and copied again: {string.Join(", ", copiedAgain.Take(20))}");
            }
            Log($"trees identical; none of the {atKill.Count} files recorded at the kill was copied again");

            // 7. The killed node, started again on its port, rejoins and hosts jobs again.
            var restarted = StartNode(victimIndex);
            nodes[victimIndex] = restarted;
            await restarted.WaitReadyAsync(TimeSpan.FromSeconds(90));
            await WaitForAsync("three members Up again", async () => await survivors[0].MembersUpAsync() == 3 && await restarted.MembersUpAsync() == 3, TimeSpan.FromSeconds(60));
            Log($"{restarted.Address} rejoined");
            string? hosted = null;
            await WaitForAsync($"a job hosted on {restarted.Address}", async () =>
            {
                views = await ViewsAsync(restarted, jobs);
                hosted = views.Values.Where(v => v.GetProperty("node").GetString() == restarted.Address).Select(v => v.GetProperty("id").GetString()).FirstOrDefault();
                return hosted is not null;
            }, TimeSpan.FromSeconds(60));
            using (var again = await survivors[0].Http.PostAsync($"/api/jobs/{hosted}/sync", null))
            {
                Assert.True(again.StatusCode == System.Net.HttpStatusCode.Accepted, $"sync {hosted}: {(int)again.StatusCode} {await again.Content.ReadAsStringAsync()}");
                var runId = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("runId").GetString();
                JsonElement view = default;
                await WaitForAsync($"a run of {hosted} on the restarted node", async () =>
                {
                    view = await GetJobAsync(restarted, hosted!) ?? default;
                    return view.ValueKind == JsonValueKind.Object && LastRunId(view) == runId && view.GetProperty("status").GetString() != "running";
                }, TimeSpan.FromSeconds(60));
                Assert.True(view.GetProperty("lastRun").GetProperty("outcome").GetString() == "completed" && view.GetProperty("node").GetString() == restarted.Address, view.ToString());
            }
            Log($"{hosted} is hosted on the restarted node and ran there");
        }
        catch (Exception e) when (e is not XunitException || !e.Message.Contains("--- node ", StringComparison.Ordinal))
        {
            throw new XunitException($"{e.Message}\n{Logs(started)}", e);
        }
        finally
        {
            foreach (var node in started)
            {
                await node.DisposeAsync();
            }
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // a node's last log write; the temp directory is left behind
            }
        }
    }

    private sealed record JobTree(string Id, string Local, string Remote, int Workers);

    /// <summary>A local tree of <see cref="FilesPerJob"/> small files in ten directories, and the job's empty directory on the share.</summary>
    private JobTree CreateTree(string root, int index)
    {
        var id = $"fo{index}-{Guid.NewGuid().ToString("N")[..6]}";
        var local = Path.Combine(root, "local", id);
        for (var i = 0; i < FilesPerJob; i++)
        {
            var path = Path.Combine(local, $"d{i % 10}", $"f{i:0000}.bin");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, $"{id} file {i} " + new string((char)('a' + (i % 26)), (i * 37) % 3000));
        }
        var remote = Path.Combine(samba.Server.SharePath(), id);
        Directory.CreateDirectory(remote);
        return new JobTree(id, local, remote, Workers: 1 + (index % 2));
    }

    private static List<string> Files(string root) =>
        [.. Directory.GetFiles(root, "*", SearchOption.AllDirectories).Where(f => !RootMarker.IsMarker(Path.GetFileName(f))).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    /// <summary>The inode of every file under <paramref name="root"/> (one <c>find</c>, not a process per file).</summary>
    private static Dictionary<string, long> Inodes(string root)
    {
        var info = new ProcessStartInfo("find", [root, "-type", "f", "-printf", "%i %P\\n"]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var find = Process.Start(info)!;
        var text = find.StandardOutput.ReadToEnd();
        find.WaitForExit();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2))
            .ToDictionary(p => p[1], p => long.Parse(p[0], CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    /// <summary>Per job, the files the journal records as synced: the ItemsSynced events read from PostgreSQL.</summary>
    private async Task<Dictionary<string, HashSet<string>>> RecordedFilesAsync(IEnumerable<JobTree> jobs)
    {
        var result = jobs.ToDictionary(j => j.Id, j => new HashSet<string>(StringComparer.Ordinal));
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT persistence_id, message, manifest FROM journal WHERE persistence_id LIKE 'job-%' AND NOT deleted ORDER BY ordering", connection);
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var id = reader.GetString(0)["job-".Length..];
            if (result.TryGetValue(id, out var paths) && JobEventCodec.Decode((byte[])reader[1], reader.GetString(2)) is ItemsSynced synced)
            {
                foreach (var change in synced.Changes)
                {
                    // A state is a file or directory now synced; null means the path left the base.
                    if (change.State is not null && change.Path.EndsWith(".bin", StringComparison.Ordinal))
                    {
                        paths.Add(change.Path);
                    }
                    else
                    {
                        paths.Remove(change.Path);
                    }
                }
            }
        }
        return result;
    }

    private static string? LastRunId(JsonElement view) =>
        view.TryGetProperty("lastRun", out var last) && last.ValueKind == JsonValueKind.Object ? last.GetProperty("runId").GetString() : null;

    /// <summary>Every job's view from <paramref name="node"/>'s front; a job that cannot answer yet (moving) is left out.</summary>
    private static async Task<Dictionary<string, JsonElement>> ViewsAsync(NodeProcess node, IEnumerable<JobTree> jobs)
    {
        var views = await Task.WhenAll(jobs.Select(j => GetJobAsync(node, j.Id)));
        return views.Where(v => v is not null).ToDictionary(v => v!.Value.GetProperty("id").GetString()!, v => v!.Value);
    }

    /// <summary>A job's view, or null while the front cannot answer for it (503 while its shard moves, a timeout).</summary>
    private static async Task<JsonElement?> GetJobAsync(NodeProcess node, string id)
    {
        try
        {
            using var response = await node.Http.GetAsync($"/api/jobs/{id}");
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private async Task WaitForAsync(string what, Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not reached within {timeout.TotalSeconds:0}s: {what}");
            }
            await Task.Delay(250);
        }
    }

    private void Log(string message) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:F1}s {DateTime.Now:HH:mm:ss.fff} {message}");

    /// <summary>The end of every node's log (the killed one included), for a failure message.</summary>
    private static string Logs(IEnumerable<NodeProcess> nodes)
    {
        var text = new StringBuilder();
        foreach (var node in nodes)
        {
            var lines = node.Log.Split('\n');
            text.Append(CultureInfo.InvariantCulture, $"--- node {node.Address} (last {Math.Min(lines.Length, 150)} of {lines.Length} lines) ---\n");
            text.AppendJoin('\n', lines.TakeLast(150)).Append('\n');
        }
        return text.ToString();
    }
}
