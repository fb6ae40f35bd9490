using System.Net;
using System.Text;
using System.Text.Json;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>The HTTP front of a real node process against a real Samba share: the jobs API, its errors, SSE, metrics, health.</summary>
public sealed class NodeHttpTests(SingleNodeFixture fixture) : IClassFixture<SingleNodeFixture>
{
    private NodeProcess Node => fixture.Node;

    private static string NewId() => "job-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<(string Id, string Local, string RemoteDisk)> CreateJobAsync(int files = 3, int size = 1000, int workers = 8, string? credential = null)
    {
        var (local, disk, url) = fixture.NewPair();
        TestTrees.WriteFiles(local, files, size);
        var id = NewId();
        using var created = await Node.PostJsonAsync("/api/jobs", new { id, localPath = local, remote = url, mode = "mirror", workers, credential });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (id, local, disk);
    }

    private async Task<string> StartAsync(string id, string query = "")
    {
        using var started = await Node.Http.PostAsync($"/api/jobs/{id}/sync{query}", null);
        var body = await started.Content.ReadAsStringAsync();
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("runId").GetString()!;
    }

    private async Task WaitForStatusAsync(string id, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while ((await Node.GetJsonAsync($"/api/jobs/{id}")).GetProperty("status").GetString() != status)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{id} never became {status}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task A_job_created_over_http_syncs_and_reports_its_run()
    {
        var (id, local, disk) = await CreateJobAsync();

        var runId = await StartAsync(id);
        var job = await Node.WaitForRunAsync(id, runId);
        var list = await Node.GetJsonAsync("/api/jobs");
        var history = await Node.GetJsonAsync($"/api/jobs/{id}/history");

        var last = job.GetProperty("lastRun");
        Assert.Equal(("completed", 3, "completed"), (last.GetProperty("outcome").GetString(), last.GetProperty("uploaded").GetInt32(), job.GetProperty("status").GetString()));
        Assert.Equal(Node.Address, job.GetProperty("node").GetString());
        Assert.Equal(TestTrees.Hashes(local), TestTrees.Hashes(disk));
        Assert.Contains(list.EnumerateArray(), j => j.GetProperty("id").GetString() == id);
        Assert.Equal(runId, Assert.Single(history.EnumerateArray()).GetProperty("runId").GetString());
        Assert.DoesNotContain(SambaServer.Password, job.ToString() + list + history, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadSpecs => new()
    {
        { """{"id":"x1","remote":"/srv/copy"}""", "localPath" },
        { """{"id":"x1","localPath":"relative/dir","remote":"/srv/copy"}""", "localPath" },
        { """{"id":"x1","localPath":"/tmp","remote":"smb://"}""", "remote" },
        { """{"id":"x1","localPath":"/tmp","remote":"ftp://host/share"}""", "remote" },
        { """{"id":"x1","localPath":"/tmp","remote":"smb://u:secret@host/share"}""", "remote" },
        { """{"id":"x1","localPath":"/tmp","remote":"/srv/copy","mode":"sideways"}""", "mode" },
        { """{"id":"x1","localPath":"/tmp","remote":"/srv/copy","conflict":"coin-toss"}""", "conflict" },
        { """{"id":"x1","localPath":"/tmp","remote":"/srv/copy","workers":-1}""", "workers" },
        { """{"id":"x1","localPath":"/tmp","remote":"/srv/copy","workers":"many"}""", "workers" },
        { """{"id":"x1","localPath":"/tmp","remote":"/srv/copy","intervalSeconds":1}""", "intervalSeconds" },
        { """{"id":"x1","localPath":"/tmp","remote":"/srv/copy","exclude":[""]}""", "exclude/include" },
        { """{"id":"x1","localPath":"/tmp","remote":"/srv/copy","credential":"no spaces allowed"}""", "credential" },
        { """{"id":"no/slash","localPath":"/tmp","remote":"/srv/copy"}""", "id" },
        { """{"id":"x1","localPath":"/tmp","remote":"/srv/copy","password":"hunter2"}""", "password" },
        { """{"id":"x1","localPath":"/tmp",""", "body" },
        { """["not","an","object"]""", "body" },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public async Task A_bad_spec_is_a_400_problem_naming_the_field(string body, string field)
    {
        using var response = await Node.Http.PostAsync("/api/jobs", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), text);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_query_flag_is_a_400_and_an_oversized_body_a_413()
    {
        var (id, _, _) = await CreateJobAsync();

        using var flag = await Node.Http.PostAsync($"/api/jobs/{id}/sync?dryRun=maybe", null);
        // Announced, not sent: the node answers from the length alone, and a client still writing 2 MiB
        // into a connection the node has closed would only see a broken pipe.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, Node.HttpPort);
        await using var wire = tcp.GetStream();
        await wire.WriteAsync(Encoding.ASCII.GetBytes(
            "POST /api/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2097152\r\n\r\n{\"id\":\"x"));
        using var answer = new StreamReader(wire, Encoding.ASCII);
        var huge = await answer.ReadLineAsync();
        var headers = new List<string>();
        while (await answer.ReadLineAsync() is { Length: > 0 } header)
        {
            headers.Add(header);
        }

        Assert.Equal(HttpStatusCode.BadRequest, flag.StatusCode);
        Assert.Contains("dryRun", await flag.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("HTTP/1.1 413 Payload Too Large", huge);
        Assert.Contains("Content-Type: application/problem+json", headers);
    }

    [Fact]
    public async Task Every_problem_of_a_spec_is_reported_at_once()
    {
        using var response = await Node.Http.PostAsync("/api/jobs", new StringContent(
            """{"id":"x2","localPath":"rel","remote":"ftp://h/s","mode":"m","workers":0,"worker":3}""", Encoding.UTF8, "application/json"));
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");

        Assert.Equal(["localPath", "mode", "remote", "worker", "workers"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_second_job_for_a_synced_pair_is_a_409_naming_the_first()
    {
        var (id, local, _) = await CreateJobAsync(files: 1);
        var owned = (await Node.GetJsonAsync($"/api/jobs/{id}")).GetProperty("spec").GetProperty("remote").GetString()!;
        var link = Path.Combine(Directory.CreateTempSubdirectory("smbsync-link-").FullName, "docs");
        File.CreateSymbolicLink(link, local);
        var respelled = owned.Replace($"@127.0.0.1:{fixture.Samba.Port}/{SambaServer.ShareName}/", $"@127.0.0.1:{fixture.Samba.Port}/{SambaServer.ShareName.ToUpperInvariant()}/", StringComparison.Ordinal) + "/";
        var (_, _, otherUrl) = fixture.NewPair();

        using var second = await Node.PostJsonAsync("/api/jobs", new { id = NewId(), localPath = link, remote = respelled });
        using var elsewhere = await Node.PostJsonAsync("/api/jobs", new { id = NewId(), localPath = local, remote = otherUrl });

        var problem = await second.Content.ReadAsStringAsync();
        Assert.True(second.StatusCode == HttpStatusCode.Conflict, problem);
        Assert.Contains($"the pair is already synced by job '{id}'", JsonDocument.Parse(problem).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(elsewhere.StatusCode == HttpStatusCode.Created, await elsewhere.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_taken_id_and_a_mismatched_put_are_400s()
    {
        var (id, local, _) = await CreateJobAsync();

        using var again = await Node.PostJsonAsync("/api/jobs", new { id, localPath = local, remote = "/srv/copy" });
        using var mismatch = await Node.Http.PutAsync($"/api/jobs/{id}", new StringContent($$"""{"id":"other","localPath":"{{local}}","remote":"/srv/copy"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("\"id\"", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
    }

    [Fact]
    public async Task Unknown_jobs_are_404s_and_controls_without_a_run_are_409s()
    {
        var (id, _, _) = await CreateJobAsync();
        var unknown = NewId();

        var statuses = new List<HttpStatusCode>();
        foreach (var request in new Func<Task<HttpResponseMessage>>[]
        {
            () => Node.Http.GetAsync($"/api/jobs/{unknown}"),
            () => Node.Http.GetAsync($"/api/jobs/{unknown}/history"),
            () => Node.Http.GetAsync($"/api/jobs/{unknown}/events"),
            () => Node.Http.DeleteAsync($"/api/jobs/{unknown}"),
            () => Node.Http.PostAsync($"/api/jobs/{unknown}/sync", null),
            () => Node.Http.PutAsync($"/api/jobs/{unknown}", new StringContent("""{"localPath":"/tmp","remote":"/srv/copy"}""", Encoding.UTF8, "application/json")),
        })
        {
            using var response = await request();
            statuses.Add(response.StatusCode);
        }
        using var pause = await Node.Http.PostAsync($"/api/jobs/{id}/pause", null);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.Equal(HttpStatusCode.Conflict, pause.StatusCode);
    }

    [Fact]
    public async Task Pause_resume_and_stop_over_http_control_the_run()
    {
        var (id, local, disk) = await CreateJobAsync(files: 1500, size: 2000, workers: 1);

        var runId = await StartAsync(id);
        using var busy = await Node.Http.PostAsync($"/api/jobs/{id}/sync", null);
        using var pause = await Node.Http.PostAsync($"/api/jobs/{id}/pause", null);
        await WaitForStatusAsync(id, "paused");
        await Task.Delay(500); // what was in flight at the pause ends
        var held = Directory.GetFiles(disk).Length;
        await Task.Delay(700);
        var stillHeld = Directory.GetFiles(disk).Length;
        using var resume = await Node.Http.PostAsync($"/api/jobs/{id}/resume", null);
        var resumed = await Node.WaitForRunAsync(id, runId);

        File.WriteAllText(Path.Combine(local, "more.txt"), "more");
        TestTrees.WriteFiles(Directory.CreateDirectory(Path.Combine(local, "second")).FullName, 1500, 2000);
        var second = await StartAsync(id);
        await WaitForStatusAsync(id, "running");
        using var stop = await Node.Http.PostAsync($"/api/jobs/{id}/stop", null);
        var stopped = await Node.WaitForRunAsync(id, second);
        using var stopAgain = await Node.Http.PostAsync($"/api/jobs/{id}/stop", null);

        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, pause.StatusCode);
        Assert.Equal(held, stillHeld);
        Assert.True(held < 1500, $"the pause must land mid-run ({held} files copied)");
        Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
        Assert.Equal("completed", resumed.GetProperty("lastRun").GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.Accepted, stop.StatusCode);
        Assert.Equal(("stopped", "failed"), (stopped.GetProperty("lastRun").GetProperty("outcome").GetString(), stopped.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, stopAgain.StatusCode);
    }

    [Fact]
    public async Task Progress_streams_as_server_sent_events_until_the_run_ends()
    {
        var (id, _, _) = await CreateJobAsync(files: 400, size: 4000, workers: 1);
        using var stream = await Node.Http.GetAsync($"/api/jobs/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());

        var runId = await StartAsync(id);
        var statuses = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var job = JsonDocument.Parse(line["data: ".Length..]).RootElement;
                statuses.Add(job.GetProperty("status").GetString()!);
                if (job.GetProperty("lastRun") is { ValueKind: JsonValueKind.Object } last && last.GetProperty("runId").GetString() == runId)
                {
                    break;
                }
            }
        }

        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        Assert.Equal("idle", statuses[0]);
        Assert.Contains("running", statuses);
        Assert.Equal("completed", statuses[^1]);
    }

    [Fact]
    public async Task A_named_credential_comes_from_the_node_and_a_missing_one_aborts_the_run_with_its_name()
    {
        var (team, local, disk) = await CreateJobAsync(credential: "team");
        var (missing, _, _) = await CreateJobAsync(credential: "nobody");

        var teamRun = await Node.WaitForRunAsync(team, await StartAsync(team));
        var missingRun = await Node.WaitForRunAsync(missing, await StartAsync(missing));

        Assert.Equal("completed", teamRun.GetProperty("lastRun").GetProperty("outcome").GetString());
        Assert.Equal(TestTrees.Hashes(local), TestTrees.Hashes(disk));
        var aborted = missingRun.GetProperty("lastRun");
        Assert.Equal("aborted", aborted.GetProperty("outcome").GetString());
        Assert.Contains("credential 'nobody'", aborted.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scheduled_job_shows_when_its_next_run_is_due()
    {
        var (local, _, url) = fixture.NewPair();
        var id = NewId();
        using var created = await Node.PostJsonAsync("/api/jobs", new { id, localPath = local, remote = url, intervalSeconds = 3600 });
        var job = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;

        var next = job.GetProperty("nextRunAt").GetDateTimeOffset();
        Assert.InRange(next, DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(61));
    }

    [Fact]
    public async Task A_scheduled_job_runs_by_itself_when_its_interval_has_passed()
    {
        var (local, disk, url) = fixture.NewPair();
        TestTrees.WriteFiles(local, 2, 100);
        var id = NewId();
        using var created = await Node.PostJsonAsync("/api/jobs", new { id, localPath = local, remote = url, mode = "upload", intervalSeconds = 10 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        JsonElement job;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        do
        {
            await Task.Delay(500);
            job = await Node.GetJsonAsync($"/api/jobs/{id}");
        }
        while (job.GetProperty("lastRun").ValueKind != JsonValueKind.Object && DateTime.UtcNow < deadline);

        var run = job.GetProperty("lastRun");
        Assert.True(run.ValueKind == JsonValueKind.Object, $"no scheduled run within a minute:\n{Node.Log}");
        Assert.StartsWith("s", run.GetProperty("runId").GetString(), StringComparison.Ordinal); // started by the schedule, not by a call
        Assert.Equal(("completed", 2), (run.GetProperty("outcome").GetString(), run.GetProperty("uploaded").GetInt32()));
        Assert.Equal(TestTrees.Hashes(local), TestTrees.Hashes(disk));
    }

    [Fact]
    public async Task Metrics_health_and_the_openapi_document_are_served()
    {
        var (id, _, _) = await CreateJobAsync();
        await Node.WaitForRunAsync(id, await StartAsync(id));

        var metrics = await Node.Http.GetStringAsync("/metrics");
        using var live = await Node.Http.GetAsync("/health/live");
        using var ready = await Node.Http.GetAsync("/health/ready");
        var openApi = await Node.GetJsonAsync("/openapi/v1.json");

        Assert.Contains($"smbsync_runs_finished_total{{job=\"{id}\",outcome=\"completed\"}} 1", metrics, StringComparison.Ordinal);
        Assert.Contains($"smbsync_items_synced_total{{job=\"{id}\"}} 3", metrics, StringComparison.Ordinal);
        Assert.Contains($"smbsync_job_last_success_timestamp_seconds{{job=\"{id}\"}} ", metrics, StringComparison.Ordinal);
        Assert.Contains($"smbsync_job_interval_seconds{{job=\"{id}\"}} 0", metrics, StringComparison.Ordinal);
        Assert.Contains("smbsync_node_up 1", metrics, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (live.StatusCode, ready.StatusCode));
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/jobs/{id}/sync", out _));
    }

    [Fact]
    public async Task A_run_whose_smb_server_this_node_cannot_reach_fails_with_the_reason_in_status_and_metrics()
    {
        var (local, _, url) = fixture.NewPair();
        var closed = FreePort.Next(); // nothing listens there: the node cannot reach that server
        var unreachable = url.Replace($":{fixture.Samba.Port}/", $":{closed}/", StringComparison.Ordinal);
        var id = NewId();
        using (var created = await Node.PostJsonAsync("/api/jobs", new { id, localPath = local, remote = unreachable, mode = "mirror" }))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }

        var last = (await Node.WaitForRunAsync(id, await StartAsync(id))).GetProperty("lastRun");
        var metrics = await Node.Http.GetStringAsync("/metrics");

        Assert.NotEqual("completed", last.GetProperty("outcome").GetString());
        Assert.Contains($"127.0.0.1:{closed}", last.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains($"smbsync_runs_server_unreachable_total{{job=\"{id}\",server=\"127.0.0.1:{closed}\"}} 1", metrics, StringComparison.Ordinal);
    }
}
