using System.Net.Sockets;
using System.Net;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Node.Cli.Jobs;
using SmbSyncCluster.Node.Cli;
using SmbSyncCluster.Node.Http;

namespace SmbSyncCluster.Node.Tests.Jobs;

public sealed class JobsClientTests
{
    private static readonly Uri Server = new("http://node:8080/");

    private static (JobsClient Client, FakeFront Front) Connect(Func<HttpRequestMessage, HttpResponseMessage> answer, string? token = null, Uri? server = null)
    {
        var front = new FakeFront(answer);
        return (new JobsClient(server ?? Server, token, front), front);
    }

    [Fact]
    public async Task Each_call_uses_the_method_and_path_of_the_api_and_sends_the_token_when_there_is_one()
    {
        var (client, front) = Connect(r => r.Method == HttpMethod.Delete ? new HttpResponseMessage(HttpStatusCode.NoContent)
            : r.RequestUri!.AbsolutePath.EndsWith("/history", StringComparison.Ordinal) ? FakeFront.Json(HttpStatusCode.OK, "[]")
            : r.RequestUri!.AbsolutePath == "/api/jobs" && r.Method == HttpMethod.Get ? FakeFront.Json(HttpStatusCode.OK, $"[{ApiSamples.Job()}]")
            : r.RequestUri.AbsolutePath.Split('/').Length == 5 ? FakeFront.Json(HttpStatusCode.Accepted, """{"jobId":"a b","runId":"r1"}""")
            : FakeFront.Json(HttpStatusCode.OK, ApiSamples.Job()), token: "s3cret");
        var spec = new JobSpec { Id = "a b", LocalPath = "/data", Remote = "smb://nas/s" };

        await client.ListAsync(default);
        await client.GetAsync("a b", default);
        await client.CreateAsync(spec, default);
        await client.UpdateAsync(spec, default);
        await client.DeleteAsync("a b", default);
        await client.SyncAsync("a b", dryRun: false, force: false, default);
        await client.SyncAsync("a b", dryRun: true, force: true, default);
        await client.ControlAsync("a b", RunControl.Pause, default);
        await client.ControlAsync("a b", RunControl.Resume, default);
        await client.ControlAsync("a b", RunControl.Stop, default);
        await client.HistoryAsync("a b", default);

        Assert.Equal(
            [
                "GET /api/jobs", "GET /api/jobs/a%20b", "POST /api/jobs", "PUT /api/jobs/a%20b", "DELETE /api/jobs/a%20b",
                "POST /api/jobs/a%20b/sync", "POST /api/jobs/a%20b/sync?dryRun=true&force=true",
                "POST /api/jobs/a%20b/pause", "POST /api/jobs/a%20b/resume", "POST /api/jobs/a%20b/stop", "GET /api/jobs/a%20b/history",
            ],
            front.Requests.Select(r => $"{r.Method} {r.Target}"));
        Assert.All(front.Requests, r => Assert.Equal("Bearer s3cret", r.Authorization));
        Assert.Equal(
            """{"id":"a b","localPath":"/data","remote":"smb://nas/s","mode":"mirror","conflict":"keep-both","workers":8,"exclude":[],"include":[],"intervalSeconds":null,"credential":null}""",
            front.Requests[2].Body);
    }

    [Fact]
    public async Task Without_a_token_no_authorization_is_sent_and_a_path_under_the_server_is_kept()
    {
        var (client, front) = Connect(_ => FakeFront.Json(HttpStatusCode.OK, "[]"), server: new Uri("http://proxy/smbsync"));

        await client.ListAsync(default);

        Assert.Equal((null, "/smbsync/api/jobs"), (front.Requests[0].Authorization, front.Requests[0].Target));
    }

    [Fact]
    public async Task A_job_resource_is_read_with_its_spec_progress_and_last_run()
    {
        var json = ApiSamples.Job(status: "running", runId: "r2", progress: ApiSamples.Progress(), lastRun: ApiSamples.Run("r1", "failed", failed: 1));
        var (client, _) = Connect(_ => FakeFront.Json(HttpStatusCode.OK, json));

        var result = await client.GetAsync("docs", default);

        var job = result.Value;
        Assert.Equal(json, result.Json);
        Assert.Equal((JobStatus.Running, "r2", 1234, "akka.tcp://smbsync@127.0.0.1:4053"), (job.Status, job.RunId, job.TrackedPaths, job.Node));
        Assert.Equal(["*.tmp", "cache"], job.Spec.Exclude);
        Assert.Equal((512L, TimeSpan.FromSeconds(6), 50.0), (job.Progress!.BytesDone, job.Progress.Eta, job.Progress.Percent));
        Assert.Equal(("r1", RunOutcome.Failed, 3, ApiSamples.Started.AddSeconds(2.5)), (job.LastRun!.RunId, job.LastRun.Outcome, job.LastRun.DeletedRemote, job.LastRun.FinishedAt));
        Assert.Equal(new RunError("locked.txt", RunAction.Upload, RunErrorKind.Item, "access denied"), Assert.Single(job.LastRun.Errors));
    }

    [Fact]
    public async Task A_400_lists_each_invalid_field_and_exits_2()
    {
        var (client, _) = Connect(_ => FakeFront.Problem(HttpStatusCode.BadRequest,
            """{"title":"The job spec is invalid","status":400,"detail":"remote: ...","errors":{"remote":["not an smb:// URL or an absolute path"],"workers":["must be between 1 and 64"]}}"""));

        var e = await Assert.ThrowsAsync<JobsApiException>(() => client.CreateAsync(new JobSpec { Id = "a", LocalPath = "/a", Remote = "x" }, default));

        Assert.Equal(ExitCodes.Usage, e.ExitCode);
        Assert.Equal(["remote: not an smb:// URL or an absolute path", "workers: must be between 1 and 64"], e.Lines);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, """{"title":"No such job","status":404,"detail":"job docs does not exist"}""", "job docs does not exist")]
    [InlineData(HttpStatusCode.Conflict, """{"title":"The job is running","status":409,"detail":"job docs is running run r1"}""", "job docs is running run r1")]
    [InlineData(HttpStatusCode.Conflict, """{"title":"No run to control","status":409}""", "No run to control")]
    [InlineData(HttpStatusCode.ServiceUnavailable, """{"title":"The cluster did not answer in time","status":503,"detail":"ask timed out"}""", "ask timed out")]
    [InlineData(HttpStatusCode.BadGateway, "<html>bad gateway</html>", "http://node:8080 answered 502 BadGateway to GET /api/jobs/docs")]
    public async Task Refusals_and_server_errors_are_one_line_and_exit_3(HttpStatusCode status, string body, string line)
    {
        var (client, _) = Connect(_ => FakeFront.Problem(status, body));

        var e = await Assert.ThrowsAsync<JobsApiException>(() => client.GetAsync("docs", default));

        Assert.Equal((ExitCodes.Refused, line), (e.ExitCode, Assert.Single(e.Lines)));
    }

    [Fact]
    public async Task A_401_says_how_to_give_a_token_or_that_it_was_refused()
    {
        static HttpResponseMessage Unauthorized(HttpRequestMessage _) => FakeFront.Problem(HttpStatusCode.Unauthorized, """{"title":"Unauthorized","status":401}""");
        var (without, _) = Connect(Unauthorized);
        var (with, _) = Connect(Unauthorized, token: "wrong");

        var missing = await Assert.ThrowsAsync<JobsApiException>(() => without.ListAsync(default));
        var refused = await Assert.ThrowsAsync<JobsApiException>(() => with.ListAsync(default));

        Assert.Equal((3, "http://node:8080 needs an API token: set SMBSYNC_API_TOKEN or pass --token-file"), (missing.ExitCode, Assert.Single(missing.Lines)));
        Assert.Equal((3, "http://node:8080 refused the API token"), (refused.ExitCode, Assert.Single(refused.Lines)));
        Assert.DoesNotContain("wrong", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_is_one_line_and_exit_3()
    {
        var (client, _) = Connect(_ => throw new HttpRequestException("Connection refused (node:8080)", new SocketException((int)SocketError.ConnectionRefused)));

        var e = await Assert.ThrowsAsync<JobsApiException>(() => client.ListAsync(default));

        Assert.Equal((3, "cannot reach http://node:8080: connection refused"), (e.ExitCode, Assert.Single(e.Lines)));
    }

    [Fact]
    public async Task A_body_that_is_not_what_the_api_returns_is_an_error_not_a_crash()
    {
        var (client, _) = Connect(_ => FakeFront.Json(HttpStatusCode.OK, "<html>some other service</html>"));

        var e = await Assert.ThrowsAsync<JobsApiException>(() => client.ListAsync(default));

        Assert.Equal(3, e.ExitCode);
        Assert.StartsWith("http://node:8080/api/jobs answered something this smbsync does not understand", Assert.Single(e.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_event_stream_yields_each_job_event_however_the_network_cuts_it_and_skips_comments()
    {
        var first = ApiSamples.Job(status: "running", runId: "r1", progress: ApiSamples.Progress(1, 256));
        var second = ApiSamples.Job(status: "completed", lastRun: ApiSamples.Run("r1"));
        var stream = $": hello\n\nevent: job\ndata: {first}\n\n: keep-alive\n\nevent: other\ndata: {{}}\n\nevent: job\r\ndata: {second}\r\n\r\n";
        // Cut mid-field-name, mid-JSON and between \r and \n.
        int[] bounds = [0, 3, 12, 20, 60, stream.IndexOf("\r\ndata", StringComparison.Ordinal) + 1, stream.Length - 2, stream.Length];
        var chunks = bounds.Zip(bounds.Skip(1), (from, to) => stream[from..to]).ToArray();
        var (client, front) = Connect(_ => FakeFront.EventStream(chunks));

        var events = new List<JobResource>();
        await foreach (var job in client.EventsAsync("docs", default))
        {
            events.Add(job);
        }

        Assert.Equal("GET /api/jobs/docs/events", $"{front.Requests[0].Method} {front.Requests[0].Target}");
        Assert.Equal([(JobStatus.Running, "r1", null), (JobStatus.Completed, null, "r1")], events.Select(e => (e.Status, e.RunId, e.LastRun?.RunId)));
        Assert.Equal(256, events[0].Progress!.BytesDone);
    }

    [Fact]
    public async Task An_event_stream_for_an_unknown_job_is_a_404_like_any_call()
    {
        var (client, _) = Connect(_ => FakeFront.Problem(HttpStatusCode.NotFound, """{"title":"No such job","status":404,"detail":"job nope does not exist"}"""));

        var e = await Assert.ThrowsAsync<JobsApiException>(async () =>
        {
            await foreach (var _ in client.EventsAsync("nope", default))
            {
            }
        });

        Assert.Equal((3, "job nope does not exist"), (e.ExitCode, Assert.Single(e.Lines)));
    }
}
