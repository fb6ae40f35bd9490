using System.Net;
using SmbSyncCluster.Node.Cli.Jobs;

namespace SmbSyncCluster.Node.Tests.Jobs;

/// <summary>The verbs end to end against an in-process transport: what they print, what they send, how they exit.</summary>
public sealed class JobsCommandTests
{
    private sealed record Outcome(int Code, string Out, string Err, FakeFront Front);

    private static async Task<Outcome> RunAsync(string line, Func<HttpRequestMessage, HttpResponseMessage> answer, CancellationToken interrupt = default)
    {
        var arguments = JobsArguments.Parse(line.Split(' '), _ => null);
        var front = new FakeFront(answer);
        using var client = new JobsClient(arguments.Server, arguments.Token, front);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await new JobsCommand(arguments, client, stdout, stderr, terminal: false).RunAsync(interrupt);
        return new Outcome(code, stdout.ToString(), stderr.ToString(), front);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A front where a sync starts run r2 and the job's events are <paramref name="events"/>.</summary>
    private static Func<HttpRequestMessage, HttpResponseMessage> SyncFront(string[] events, string history = "[]") => request =>
        request.RequestUri!.AbsolutePath switch
        {
            "/api/jobs/docs/sync" => FakeFront.Json(HttpStatusCode.Accepted, """{"jobId":"docs","runId":"r2"}"""),
            "/api/jobs/docs/events" => FakeFront.EventStream([.. events.Select(e => $"event: job\ndata: {e}\n\n: keep-alive\n\n")]),
            "/api/jobs/docs/history" => FakeFront.Json(HttpStatusCode.OK, history),
            var path => throw new InvalidOperationException($"unexpected {path}"),
        };

    [Fact]
    public async Task Sync_prints_the_run_id_and_exits_0()
    {
        var result = await RunAsync("sync docs --dry-run", SyncFront([]));

        Assert.Equal((0, "r2\n", ""), (result.Code, result.Out, result.Err));
        Assert.Equal("/api/jobs/docs/sync?dryRun=true", result.Front.Requests.Single().Target);
    }

    [Fact]
    public async Task Sync_follow_shows_the_run_to_its_end_then_its_summary_and_exits_with_its_code()
    {
        var result = await RunAsync("sync docs --follow", SyncFront(
        [
            ApiSamples.Job(status: "running", runId: "r2"),
            ApiSamples.Job(status: "running", runId: "r2", progress: ApiSamples.Progress(2, 768)),
            ApiSamples.Job(status: "failed", lastRun: ApiSamples.Run("r2", "failed", failed: 1)),
            ApiSamples.Job(status: "running", runId: "r3"), // never read: the follow ends at r2's summary
        ]));

        Assert.Equal(1, result.Code);
        Assert.Equal(["failed (mirror): 2 uploaded, 1 downloaded, 0 deleted locally, 3 deleted remotely, 1 conflicts, 0 skipped, 1 failed, 2.0 KiB in 2.5 s"], Lines(result.Out));
        Assert.Equal(["smbsync: failed: locked.txt (upload, item): access denied"], Lines(result.Err));
    }

    [Fact]
    public async Task Sync_follow_json_prints_the_one_line_summary()
    {
        var result = await RunAsync("sync docs --follow --json", SyncFront([ApiSamples.Job(status: "failed", lastRun: ApiSamples.Run("r2", "stopped", reason: "stopped by the user"))]));

        Assert.Equal(3, result.Code);
        Assert.Contains("\"deletedRemote\":3", Assert.Single(Lines(result.Out)), StringComparison.Ordinal);
        Assert.Equal(["smbsync: run stopped: stopped by the user"], Lines(result.Err));
    }

    [Fact]
    public async Task Sync_follow_finds_a_run_that_a_later_one_already_replaced_in_the_history()
    {
        var result = await RunAsync("sync docs --follow", SyncFront(
            [ApiSamples.Job(status: "completed", lastRun: ApiSamples.Run("r3"))],
            history: $"[{ApiSamples.Run("r2")},{ApiSamples.Run("r3", "failed", failed: 1)}]"));

        Assert.Equal(0, result.Code);
        Assert.StartsWith("synced (mirror): 2 uploaded", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_follow_fails_in_one_line_when_the_stream_ends_before_the_run()
    {
        var result = await RunAsync("sync docs --follow", SyncFront([ApiSamples.Job(status: "running", runId: "r2")]));

        Assert.Equal((3, ""), (result.Code, result.Out));
        Assert.Equal(["smbsync: http://127.0.0.1:8080 closed the event stream of job 'docs' before run r2 ended"], Lines(result.Err));
    }

    [Fact]
    public async Task Interrupting_a_follow_leaves_the_run_going_and_says_so()
    {
        using var interrupt = new CancellationTokenSource();
        var result = await RunAsync("sync docs --follow", request =>
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/events", StringComparison.Ordinal))
            {
                interrupt.CancelAfter(TimeSpan.FromMilliseconds(200)); // Ctrl-C while the run is going
                return FakeFront.EventStream([$"event: job\ndata: {ApiSamples.Job(status: "running", runId: "r2")}\n\n"], staysOpen: true);
            }
            return FakeFront.Json(HttpStatusCode.Accepted, """{"jobId":"docs","runId":"r2"}""");
        }, interrupt.Token);

        Assert.Equal((3, ""), (result.Code, result.Out));
        Assert.Equal(["smbsync: no longer following run r2; it goes on (smbsync jobs stop docs stops it)"], Lines(result.Err));
        Assert.DoesNotContain(result.Front.Requests, r => r.Target.EndsWith("/stop", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_prints_a_table_or_with_json_the_servers_array()
    {
        var body = $"[{ApiSamples.Job()}]";

        var table = await RunAsync("list", _ => FakeFront.Json(HttpStatusCode.OK, body));
        var json = await RunAsync("list --json", _ => FakeFront.Json(HttpStatusCode.OK, body));
        var empty = await RunAsync("list", _ => FakeFront.Json(HttpStatusCode.OK, "[]"));

        Assert.Equal(2, Lines(table.Out).Length);
        Assert.StartsWith("ID  ", table.Out, StringComparison.Ordinal);
        Assert.Equal(body + "\n", json.Out);
        Assert.Equal("no jobs\n", empty.Out);
    }

    [Fact]
    public async Task Update_changes_the_given_fields_of_the_current_spec()
    {
        var result = await RunAsync("update docs --workers 16", request => FakeFront.Json(HttpStatusCode.OK, ApiSamples.Job()));

        Assert.Equal(0, result.Code);
        Assert.Equal(["GET /api/jobs/docs", "PUT /api/jobs/docs"], result.Front.Requests.Select(r => $"{r.Method} {r.Target}"));
        Assert.Equal(
            """{"id":"docs","localPath":"/data/docs","remote":"smb://alice@nas/team/docs","mode":"mirror","conflict":"keep-both","workers":16,"exclude":["*.tmp","cache"],"include":[],"intervalSeconds":null,"credential":null}""",
            result.Front.Requests[1].Body);
        Assert.Contains("id:         docs", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_fields_are_printed_one_per_line_with_exit_2()
    {
        var result = await RunAsync("create docs --local /data --remote nas", _ => FakeFront.Problem(HttpStatusCode.BadRequest,
            """{"title":"The job spec is invalid","status":400,"errors":{"remote":["not an smb:// URL"],"mode":["'x' is not one of mirror, upload, download"]}}"""));

        Assert.Equal((2, ""), (result.Code, result.Out));
        Assert.Equal(["smbsync: remote: not an smb:// URL", "smbsync: mode: 'x' is not one of mirror, upload, download"], Lines(result.Err));
    }

    [Fact]
    public async Task An_update_to_a_mode_and_policy_that_name_none_lists_both_and_changes_nothing()
    {
        var result = await RunAsync("update docs --mode sideways --conflict coin-flip", _ => FakeFront.Json(HttpStatusCode.OK, ApiSamples.Job()));

        Assert.Equal((2, ""), (result.Code, result.Out));
        Assert.Equal(
            ["smbsync: mode: 'sideways' is not one of mirror, upload, download", "smbsync: conflict: 'coin-flip' is not one of keep-both, newer, local, remote, skip"],
            Lines(result.Err));
        Assert.Equal(["GET /api/jobs/docs"], result.Front.Requests.Select(r => $"{r.Method} {r.Target}"));
    }

    [Fact]
    public async Task Control_verbs_say_which_run_they_asked_and_delete_says_it_is_done()
    {
        var stop = await RunAsync("stop docs", _ => FakeFront.Json(HttpStatusCode.Accepted, """{"jobId":"docs","runId":"r2"}"""));
        var delete = await RunAsync("delete docs", _ => new HttpResponseMessage(HttpStatusCode.NoContent));

        Assert.Equal((0, "stop requested for run r2 of job docs\n"), (stop.Code, stop.Out));
        Assert.Equal((0, "deleted job docs\n"), (delete.Code, delete.Out));
    }
}
