using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Bench;

/// <summary>
/// How long the jobs of a lost node stay stopped. Each run starts a fresh cluster of three
/// <c>smbsync node</c> processes (published from this tree) on loopback, sharing a fresh PostgreSQL
/// database, creates N upload jobs into a loopback Samba and starts them; once every run is copying, the
/// member hosting the most of them is killed with SIGKILL. The time measured, from the SIGKILL, is
/// <b>resumed</b>: until every job that was running on the killed node is reported by a survivor's HTTP
/// front as hosted on a survivor, with its run in the executing phase and at least one item done there
/// (the job recovered from the journal, its run restarted and copying again). Polls go out to every
/// survivor every 100 ms without waiting for earlier ones (a poll of a job whose shard is being moved
/// waits for it), each timed at its answer. Beside it, the phases as the survivors' logs timestamp them: unreachable (first
/// survivor marks the node unreachable), downed (the split brain resolver's decision), removed (the
/// leader removes it), coordinator (the shard coordinator started again, when the killed node held it),
/// restarted (the last "resuming run" line of the moved jobs), and answered (the last moved job's first
/// answer from a survivor). Every run must then complete with the share's trees equal to the sources.
/// <c>--config FILE</c> hands a HOCON file to every node (<c>smbsync node --config</c>), to measure other settings.
/// </summary>
internal static class FailoverBench
{
    private const int Nodes = 3;
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);

    public static async Task RunAsync(int runs, int jobs, int files, string? config)
    {
        if (config is not null && !File.Exists(config))
        {
            throw new FileNotFoundException($"--config {config} does not exist");
        }
        Console.WriteLine("publishing smbsync (Release)...");
        var executable = await SmbSyncCli.PublishExecutableAsync();
        await using var samba = await SambaServer.StartAsync();
        await using var postgres = await PostgresServer.StartAsync();
        var work = Directory.CreateTempSubdirectory("smbsync-failover-").FullName;
        try
        {
            var sources = Enumerable.Range(0, jobs).Select(j => WriteTree(Path.Combine(work, "local", $"j{j}"), files)).ToList();
            var tallies = sources.Select(TreeTally.Of).ToList();
            Console.WriteLine($"failover: {Nodes} nodes on loopback, PostgreSQL journal, {jobs} upload jobs x {files} files (workers 1-2) into a loopback Samba; " +
                $"load average at start {File.ReadAllText("/proc/loadavg").Split(' ')[0]}; {runs} runs" + (config is null ? "" : $"; nodes given --config {config}"));
            Console.WriteLine("seconds after the SIGKILL (load: the 1-minute load average at the kill):");
            Console.WriteLine($"{"run",4}  {"killed (jobs)",-16}{"unreachable",12}{"downed",8}{"removed",9}{"coordinator",12}{"restarted",10}{"answered",9}{"resumed",9}{"load",7}");
            var results = new List<RunTimes>();
            for (var run = 1; run <= runs; run++)
            {
                var times = await RunOnceAsync(executable, samba, postgres, work, run, sources, tallies, config);
                results.Add(times);
                Console.WriteLine($"{run,4}  {$":{times.VictimPort} ({times.Moved})",-16}{S(times.Unreachable),12}{S(times.Downed),8}{S(times.Removed),9}" +
                    $"{S(times.Coordinator),12}{S(times.Restarted),10}{S(times.Answered),9}{S(times.Resumed),9}{times.Load,7}");
            }
            Console.WriteLine();
            Summary("resumed", results.Select(r => (TimeSpan?)r.Resumed));
            Summary("answered", results.Select(r => (TimeSpan?)r.Answered));
            Summary("unreachable", results.Select(r => r.Unreachable));
            Summary("downed", results.Select(r => r.Downed));
            Summary("removed", results.Select(r => r.Removed));
            Summary("restarted", results.Select(r => r.Restarted));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private sealed record RunTimes(
        int VictimPort, int Moved, TimeSpan? Unreachable, TimeSpan? Downed, TimeSpan? Removed, TimeSpan? Coordinator,
        TimeSpan? Restarted, TimeSpan Answered, TimeSpan Resumed, string Load);

    private static async Task<RunTimes> RunOnceAsync(
        string executable, SambaServer samba, PostgresServer postgres, string work, int run, List<string> sources, List<TreeTally> tallies, string? config)
    {
        var database = await postgres.CreateDatabaseAsync("failover");
        var ports = Enumerable.Range(0, Nodes).Select(_ => FreePort.Next()).ToArray();
        string[] args = ["--seed", $"127.0.0.1:{ports[0]}", "--seed", $"127.0.0.1:{ports[1]}",
            "--db", $"postgresql://postgres@127.0.0.1:{postgres.Port}/{database}", .. config is null ? [] : new[] { "--config", Path.GetFullPath(config) }];
        var environment = new Dictionary<string, string> { ["SMBSYNC_PASSWORD"] = SambaServer.Password };
        var nodes = ports.Select((port, i) => NodeProcess.Start(executable, Path.Combine(work, $"run{run}", $"node{i}"), args, environment, port)).ToList();
        var remotes = new List<string>();
        try
        {
            await Task.WhenAll(nodes.Select(n => n.WaitReadyAsync(TimeSpan.FromSeconds(90))));
            await WaitForAsync("three members Up", async () => await nodes[0].MembersUpAsync() == Nodes, TimeSpan.FromSeconds(60));
            var ids = new List<string>();
            var runIds = new Dictionary<string, string>();
            for (var j = 0; j < sources.Count; j++)
            {
                var id = $"r{run}-j{j}";
                ids.Add(id);
                var remote = Path.Combine(samba.SharePath(), id);
                Directory.CreateDirectory(remote);
                remotes.Add(remote);
                var spec = new
                {
                    id,
                    localPath = sources[j],
                    remote = $"smb://{SambaServer.UserName}@127.0.0.1:{samba.Port}/{SambaServer.ShareName}/{id}",
                    mode = "upload",
                    workers = 1 + (j % 2),
                };
                await nodes[0].PostExpectingAsync("/api/jobs", spec, System.Net.HttpStatusCode.Created);
            }
            foreach (var id in ids)
            {
                var accepted = await nodes[0].PostExpectingAsync($"/api/jobs/{id}/sync", null, System.Net.HttpStatusCode.Accepted);
                runIds[id] = accepted.GetProperty("runId").GetString()!;
            }

            // Every run copying: then the member hosting the most of them goes.
            Dictionary<string, JsonElement> views = [];
            await WaitForAsync("every job copying", async () =>
            {
                views = await ViewsAsync(nodes[0], ids);
                var ended = views.Values.Where(v => v.GetProperty("status").GetString() != "running").Select(v => v.GetProperty("id").GetString()).ToList();
                if (ended.Count > 0)
                {
                    throw new InvalidOperationException($"runs ended before the kill (give them more --files): {string.Join(", ", ended)}");
                }
                return views.Count == ids.Count && views.Values.All(v => ItemsDone(v) >= 10);
            }, TimeSpan.FromSeconds(90));
            var most = views.Values.GroupBy(v => v.GetProperty("node").GetString()!).MaxBy(g => g.Count())!;
            var victim = nodes.Single(n => n.Address == most.Key);
            var moved = most.Select(v => v.GetProperty("id").GetString()!).ToList();
            var survivors = nodes.Where(n => n != victim).ToList();
            var survivor = survivors[0];

            var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            var killedAt = DateTime.Now;
            var clock = Stopwatch.StartNew();
            victim.Kill();
            var watches = moved.Select(id => WatchAsync(survivors, victim.Address, id, clock)).ToList();
            var watched = await Task.WhenAll(watches);

            // Every run completes, and the share holds exactly the sources.
            await WaitForAsync("every run completed", async () =>
            {
                views = await ViewsAsync(survivor, ids);
                return views.Count == ids.Count && views.Values.All(v => v.GetProperty("status").GetString() != "running" && LastRunId(v) == runIds[v.GetProperty("id").GetString()!]);
            }, TimeSpan.FromMinutes(5));
            foreach (var (id, view) in views)
            {
                var outcome = view.GetProperty("lastRun").GetProperty("outcome").GetString();
                if (outcome != "completed")
                {
                    throw new InvalidOperationException($"{id} ended {outcome}: {view}");
                }
            }
            for (var j = 0; j < ids.Count; j++)
            {
                tallies[j].Check(remotes[j], $"run {run}, job {ids[j]}");
            }

            var logs = nodes.Where(n => n != victim).Select(n => Lines(n.Log, killedAt)).SelectMany(l => l).ToList();
            TimeSpan? First(Func<string, bool> match) => logs.Where(l => match(l.Text)).Select(l => (TimeSpan?)l.After).Min();
            var victimAddress = victim.Address;
            var heldCoordinator = victim.Log.Contains("Singleton manager started singleton actor [akka://smbsync/system/sharding/jobCoordinator", StringComparison.Ordinal);
            var restarted = moved.Select(id => First(t => t.Contains($"job {id}: resuming run", StringComparison.Ordinal))).ToList();
            return new RunTimes(
                victim.Port,
                moved.Count,
                First(t => t.Contains("Marking node(s) as UNREACHABLE", StringComparison.Ordinal) && t.Contains(victimAddress, StringComparison.Ordinal)),
                First(t => t.Contains("SBR took decision", StringComparison.Ordinal) && t.Contains(victimAddress, StringComparison.Ordinal)),
                First(t => t.Contains("Leader is removing", StringComparison.Ordinal) && t.Contains(victimAddress, StringComparison.Ordinal)),
                heldCoordinator ? First(t => t.Contains("Singleton manager started singleton actor [akka://smbsync/system/sharding/jobCoordinator", StringComparison.Ordinal)) : null,
                restarted.Any(r => r is null) ? null : restarted.Max(),
                watched.Max(w => w.Answered),
                watched.Max(w => w.Resumed),
                load);
        }
        catch (Exception e)
        {
            // The work directory goes at the end: the logs' last lines travel with the error.
            throw new InvalidOperationException($"run {run}: {e.Message}\n" + string.Join("\n", nodes.Select(n =>
                $"--- {n.Address}, last lines of its log ---\n{string.Join('\n', n.Log.Split('\n').TakeLast(80))}")), e);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
            foreach (var remote in remotes)
            {
                Directory.Delete(remote, recursive: true);
            }
        }
    }

    /// <summary>
    /// Polls <paramref name="id"/> on every survivor's front every <see cref="PollEvery"/>, never waiting for an earlier
    /// poll, until an answer shows the job on a survivor copying again; returns the first answer's time and that one's.
    /// Every survivor is asked because the one hosting the job answers at once, while another's region may still be
    /// waiting for the coordinator to tell it where the shard went (its retry interval is 2 s).
    /// </summary>
    private static async Task<(TimeSpan Answered, TimeSpan Resumed)> WatchAsync(IReadOnlyList<NodeProcess> survivors, string victim, string id, Stopwatch clock)
    {
        var answered = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var resumed = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var polls = new List<Task>();
        async Task PollAsync(NodeProcess survivor)
        {
            if (await survivor.TryGetJobAsync(id, stop.Token) is not { } view || view.GetProperty("node").GetString() is not { } node || node == victim)
            {
                return;
            }
            var at = clock.Elapsed;
            answered.TrySetResult(at);
            // Copying again, or already done with what was left.
            if (ItemsDone(view) >= 1 || view.GetProperty("status").GetString() != "running")
            {
                resumed.TrySetResult(at);
            }
        }
        while (!resumed.Task.IsCompleted && !stop.IsCancellationRequested)
        {
            polls.AddRange(survivors.Select(PollAsync));
            await Task.WhenAny(resumed.Task, Task.Delay(PollEvery));
        }
        await stop.CancelAsync();
        await Task.WhenAll(polls);
        if (!resumed.Task.IsCompleted)
        {
            throw new TimeoutException($"job {id} did not resume on a survivor within 3 minutes");
        }
        return (await answered.Task, await resumed.Task);
    }

    /// <summary>Items done by the run in the executing phase, 0 before (or without progress).</summary>
    private static int ItemsDone(JsonElement view) =>
        view.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Object && p.GetProperty("phase").GetString() == "executing"
            ? p.GetProperty("itemsDone").GetInt32() : 0;

    private static string? LastRunId(JsonElement view) =>
        view.TryGetProperty("lastRun", out var last) && last.ValueKind == JsonValueKind.Object ? last.GetProperty("runId").GetString() : null;

    private static async Task<Dictionary<string, JsonElement>> ViewsAsync(NodeProcess node, IEnumerable<string> ids)
    {
        var views = await Task.WhenAll(ids.Select(id => node.TryGetJobAsync(id)));
        return views.Where(v => v is not null).ToDictionary(v => v!.Value.GetProperty("id").GetString()!, v => v!.Value);
    }

    /// <summary>Log lines stamped at or after <paramref name="since"/> (the node log's HH:mm:ss.fff prefix, local time), with the time after it.</summary>
    private static IEnumerable<(TimeSpan After, string Text)> Lines(string log, DateTime since)
    {
        foreach (var line in log.Split('\n'))
        {
            if (line.Length > 12 && TimeSpan.TryParseExact(line[..12], @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture, out var time))
            {
                var at = since.Date + time;
                if (at < since - TimeSpan.FromHours(12))
                {
                    at = at.AddDays(1); // past midnight
                }
                if (at >= since)
                {
                    yield return (at - since, line);
                }
            }
        }
    }

    /// <summary>A tree of small files (1 to 3 KiB) in ten directories.</summary>
    private static string WriteTree(string root, int files)
    {
        for (var i = 0; i < files; i++)
        {
            var path = Path.Combine(root, $"d{i % 10}", $"f{i:00000}.bin");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, $"file {i} " + new string((char)('a' + (i % 26)), 1024 + ((i * 37) % 2048)));
        }
        return root;
    }

    private static async Task WaitForAsync(string what, Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not reached within {timeout.TotalSeconds:0}s: {what}");
            }
            await Task.Delay(200);
        }
    }

    private static string S(TimeSpan? t) => t is { } v ? v.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) : "-";

    private static void Summary(string name, IEnumerable<TimeSpan?> times)
    {
        var sorted = times.Where(t => t is not null).Select(t => t!.Value.TotalSeconds).Order().ToList();
        if (sorted.Count == 0)
        {
            return;
        }
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-12} min {sorted[0]:F2} s   median {median:F2} s   max {sorted[^1]:F2} s   ({sorted.Count} runs)"));
    }
}
