using System.Text.Json;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests.Jobs;

/// <summary><c>smbsync jobs ...</c> processes against a real node process and a real Samba share.</summary>
public sealed class JobsCliTests(SingleNodeFixture fixture) : IClassFixture<SingleNodeFixture>
{
    private string Server => $"http://127.0.0.1:{fixture.Node.HttpPort}";

    private Task<CliResult> Jobs(params string[] args) => CliProcess.RunAsync(null, ["jobs", .. args, "--server", Server]);

    private static string NewId() => "cli-" + Guid.NewGuid().ToString("N")[..8];

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task A_job_is_created_synced_followed_shown_and_deleted_through_the_cli()
    {
        var (local, disk, url) = fixture.NewPair();
        TestTrees.WriteFiles(local, 3, 1000);
        var id = NewId();

        var created = await Jobs("create", id, "--local", local, "--remote", url, "--exclude", "*.tmp");
        var listed = await Jobs("list");
        var first = await Jobs("sync", id, "--follow");
        var second = await Jobs("sync", id, "--follow", "--json");
        var history = await Jobs("history", id);
        var shown = await Jobs("show", id, "--json");
        var deleted = await Jobs("delete", id);
        var gone = await Jobs("show", id);

        Assert.True(created.Code == 0, created.ToString());
        Assert.Contains($"id:         {id}", created.Out, StringComparison.Ordinal);
        Assert.Contains(Lines(listed.Out), line => line.StartsWith(id + " ", StringComparison.Ordinal) && line.Contains(url, StringComparison.Ordinal));
        Assert.True(first.Code == 0, first.ToString());
        Assert.StartsWith("synced (mirror): 3 uploaded, 0 downloaded", first.Out, StringComparison.Ordinal);
        Assert.StartsWith($"smbsync: {Cli.SummaryOutput.FirstSyncNotice}\n", first.Err, StringComparison.Ordinal); // the node's run knew it had no base
        Assert.Equal(TestTrees.Hashes(local), TestTrees.Hashes(disk));
        Assert.True(second.Code == 0, second.ToString());
        Assert.Equal((0, 0), (second.Count("uploaded"), second.Count("downloaded")));
        Assert.False(second.Summary.TryGetProperty("firstSync", out _), second.Out);
        Assert.Equal(3, Lines(history.Out).Length); // the header and both runs
        var job = JsonDocument.Parse(shown.Out).RootElement;
        Assert.Equal(("completed", 3), (job.GetProperty("status").GetString(), job.GetProperty("trackedPaths").GetInt32()));
        Assert.True(deleted.Code == 0, deleted.ToString());
        Assert.Equal((3, $"smbsync: job {id} does not exist"), (gone.Code, gone.Err.Trim()));
    }

    [Fact]
    public async Task A_job_with_a_bandwidth_limit_runs_through_the_servers_gate_no_faster_than_its_limit()
    {
        var (local, disk, url) = fixture.NewPair();
        var data = new byte[1536 * 1024];
        Random.Shared.NextBytes(data);
        File.WriteAllBytes(Path.Combine(local, "big.bin"), data);
        var id = NewId();

        var limited = await Jobs("server-limit", "127.0.0.1", "1");
        var created = await Jobs("create", id, "--local", local, "--remote", url, "--bwlimit", "1M");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var synced = await Jobs("sync", id, "--follow");
        clock.Stop();
        var servers = await Jobs("servers", "--json");
        var badLimit = await Jobs("server-limit", "127.0.0.1", "0");
        using var http = new HttpClient { BaseAddress = new Uri(Server) };
        using var zero = await http.PutAsync("api/servers/127.0.0.1/limits", new StringContent("""{"maxTransfers":0}""", System.Text.Encoding.UTF8, "application/json"));
        using var badHost = await http.GetAsync("api/servers/not%20a%20host/limits");
        var restored = await Jobs("server-limit", "127.0.0.1", "16");

        Assert.True(limited.Code == 0, limited.ToString());
        Assert.Equal(["SERVER     LIMIT  IN USE  WAITING", "127.0.0.1  1      0       0"], Lines(limited.Out));
        Assert.Contains("bandwidth:  1M", created.Out, StringComparison.Ordinal);
        Assert.True(synced.Code == 0, synced.ToString());
        Assert.Equal(data, File.ReadAllBytes(Path.Combine(disk, "big.bin")));
        // 1.5 MiB at 1 MiB/s: a lower bound only a transfer past its limit can break (the rate itself: bench/ bwlimit).
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"1.5 MiB under 1M took {clock.Elapsed}");
        var server = Assert.Single(JsonDocument.Parse(servers.Out).RootElement.EnumerateArray(), e => e.GetProperty("server").GetString() == "127.0.0.1");
        Assert.Equal((1, 0), (server.GetProperty("limit").GetInt32(), server.GetProperty("inUse").GetInt32()));
        Assert.Equal((2, "smbsync: jobs server-limit takes N, transfers at once, from 1 to 1000, not '0'"), (badLimit.Code, badLimit.Err.Trim()));
        Assert.Equal((400, 400), ((int)zero.StatusCode, (int)badHost.StatusCode));
        Assert.Contains("maxTransfers", await zero.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(restored.Code == 0, restored.ToString());
    }

    [Fact]
    public async Task A_dry_run_through_the_node_lists_its_plan_and_the_name_option_changes_it()
    {
        var (local, disk, url) = fixture.NewPair();
        File.WriteAllText(Path.Combine(local, "a.txt"), "a");
        File.WriteAllText(Path.Combine(local, "b:c.txt"), "colon");
        var id = NewId();

        var created = await Jobs("create", id, "--local", local, "--remote", url, "--no-encode-names");
        var off = await Jobs("sync", id, "--dry-run", "--follow");
        var updated = await Jobs("update", id, "--encode-names");
        var on = await Jobs("sync", id, "--dry-run", "--follow", "--json");
        var shown = await Jobs("show", id, "--json");
        var history = await Jobs("history", id, "--json");
        await Jobs("delete", id);

        Assert.True(created.Code == 0, created.ToString());
        Assert.Contains("names:      those SMB cannot hold skipped", created.Out, StringComparison.Ordinal);
        Assert.True(off.Code == 0, off.ToString());
        Assert.Equal(["skip b:c.txt (unrepresentable-name)", "upload a.txt"], Lines(off.Out).Where(l => !l.StartsWith("would sync", StringComparison.Ordinal)).Order());
        Assert.True(updated.Code == 0, updated.ToString());
        Assert.True(on.Code == 0, on.ToString());
        Assert.Equal(["a.txt", "b:c.txt"], on.Summary.GetProperty("plan").EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() == "upload").Select(e => e.GetProperty("path").GetString()).Order());
        Assert.Equal(2, on.Summary.GetProperty("planned").GetInt32());
        Assert.Equal(2, JsonDocument.Parse(shown.Out).RootElement.GetProperty("lastRun").GetProperty("plan").GetArrayLength());
        Assert.True(history.Code == 0 && history.Out.Contains("\"dryRun\":true", StringComparison.Ordinal), history.ToString());
        Assert.DoesNotContain("\"plan\"", history.Out, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(disk));
    }

    [Fact]
    public async Task A_running_job_is_paused_resized_resumed_and_refuses_a_second_run()
    {
        var (local, disk, url) = fixture.NewPair();
        TestTrees.WriteFiles(local, 3000, 2000);
        var id = NewId();
        Assert.Equal(0, (await Jobs("create", id, "--local", local, "--remote", url, "--workers", "1")).Code);

        var started = await Jobs("sync", id);
        var pause = await Jobs("pause", id);
        var busy = await Jobs("sync", id);
        var resized = await Jobs("update", id, "--workers", "16");
        var resume = await Jobs("resume", id);
        var runId = started.Out.Trim();
        await fixture.Node.WaitForRunAsync(id, runId);
        var noRun = await Jobs("stop", id);

        Assert.True(started.Code == 0, started.ToString());
        Assert.True(pause.Code == 0, pause.ToString());
        Assert.Equal($"pause requested for run {runId} of job {id}", pause.Out.Trim());
        Assert.True(busy.Code == 3 && Lines(busy.Err).Length == 1, busy.ToString());
        Assert.True(resized.Code == 0, resized.ToString());
        Assert.Contains("workers:    16", resized.Out, StringComparison.Ordinal);
        Assert.True(resume.Code == 0, resume.ToString());
        Assert.Equal(TestTrees.Hashes(local), TestTrees.Hashes(disk));
        Assert.True(noRun.Code == 3 && Lines(noRun.Err).Length == 1, noRun.ToString());
    }

    [Fact]
    public async Task A_run_the_node_aborts_is_followed_to_its_end_and_exits_3()
    {
        var (local, _, url) = fixture.NewPair();
        var id = NewId();
        Assert.Equal(0, (await Jobs("create", id, "--local", local, "--remote", url, "--credential", "nosuch")).Code);

        var result = await Jobs("sync", id, "--follow");

        Assert.True(result.Code == 3, result.ToString());
        Assert.StartsWith("aborted (mirror)", result.Out, StringComparison.Ordinal);
        Assert.Contains("smbsync: run aborted:", result.Err, StringComparison.Ordinal);
        Assert.Contains("nosuch", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_whose_run_was_aborted_or_stopped_is_listed_and_shown_as_such()
    {
        var (local, _, url) = fixture.NewPair();
        var aborted = NewId();
        Assert.Equal(0, (await Jobs("create", aborted, "--local", local, "--remote", url, "--credential", "nosuch")).Code);
        Assert.Equal(3, (await Jobs("sync", aborted, "--follow")).Code);

        var listed = await Jobs("list");
        var shown = await Jobs("show", aborted);

        Assert.Contains(Lines(listed.Out), line => line.StartsWith($"{aborted}  aborted ", StringComparison.Ordinal));
        Assert.Contains("status:     aborted", Lines(shown.Out));
    }

    [Fact]
    public async Task A_paused_run_is_shown_paused_without_a_stale_rate()
    {
        var (local, _, url) = fixture.NewPair();
        TestTrees.WriteFiles(local, 3000, 2000);
        var id = NewId();
        Assert.Equal(0, (await Jobs("create", id, "--local", local, "--remote", url, "--workers", "1")).Code);
        var runId = (await Jobs("sync", id)).Out.Trim();
        Assert.Equal(0, (await Jobs("pause", id)).Code);

        var shown = await Jobs("show", id);
        for (var i = 0; i < 100 && !shown.Out.Contains("status:     paused", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            shown = await Jobs("show", id);
        }
        Assert.Equal(0, (await Jobs("resume", id)).Code);
        await fixture.Node.WaitForRunAsync(id, runId);

        Assert.Contains($"status:     paused, run {runId}", Lines(shown.Out));
        var progress = Assert.Single(Lines(shown.Out), line => line.StartsWith("progress:", StringComparison.Ordinal));
        Assert.StartsWith("progress:   paused", progress, StringComparison.Ordinal);
        Assert.DoesNotContain("/s", progress, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_specs_unknown_jobs_and_unreachable_servers_are_one_line_per_problem_with_the_contract_exit_code()
    {
        var invalid = await Jobs("create", NewId(), "--local", "/tmp", "--remote", "smb://nas", "--mode", "sideways");
        var unknown = await Jobs("pause", "no-such-job");
        var unreachable = await CliProcess.RunAsync(null, "jobs", "list", "--server", $"http://127.0.0.1:{FreePort.Next()}");

        Assert.True(invalid.Code == 2, invalid.ToString());
        Assert.Equal(2, Lines(invalid.Err).Length);
        Assert.Contains("smbsync: remote: ", invalid.Err, StringComparison.Ordinal);
        Assert.Contains("smbsync: mode: 'sideways' is not one of mirror, upload, download", invalid.Err, StringComparison.Ordinal);
        Assert.True(unknown.Code == 3 && Lines(unknown.Err).Length == 1, unknown.ToString());
        Assert.True(unreachable.Code == 3, unreachable.ToString());
        Assert.Matches(@"^smbsync: cannot reach http://127\.0\.0\.1:\d+: connection refused$", unreachable.Err.Trim());
        foreach (var result in new[] { invalid, unknown, unreachable })
        {
            Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
        }
    }
}
