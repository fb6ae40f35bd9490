using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Node.Hosting;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>
/// The event stream of a node hosted in the test process against a real Samba share, with a door in front
/// of its receptionist that counts what the HTTP front asks: the stream follows a run without asking.
/// </summary>
public sealed class EventStreamPushTests : IAsyncLifetime
{
    private readonly JobQuestions _counted = new();
    private SambaServer? _samba;
    private WebApplication? _app;
    private HttpClient? _http;

    private SambaServer Samba => _samba ?? throw new InvalidOperationException("Samba has not started");

    private HttpClient Http => _http ?? throw new InvalidOperationException("the node has not started");

    public async Task InitializeAsync()
    {
        _samba = await SambaServer.StartAsync();
        var data = Directory.CreateTempSubdirectory("smbsync-push-").FullName;
        var settings = NodeSettings.Parse(
            ["--http", $"http://127.0.0.1:{FreePort.Next()}", "--port", $"{FreePort.Next()}", "--data-dir", data],
            name => name == "SMBSYNC_PASSWORD" ? SambaServer.Password : null);
        _app = NodeHost.Build(settings, name => name == "SMBSYNC_PASSWORD" ? SambaServer.Password : null);
        await _app.StartAsync();
        // The routes reach the receptionist through the registry: the door takes its place before the first request.
        var registry = _app.Services.GetRequiredService<ActorRegistry>();
        var receptionist = await registry.GetAsync<JobReceptionist>();
        var system = _app.Services.GetRequiredService<ActorSystem>();
        registry.Register<JobReceptionist>(system.ActorOf(_counted.Forwarding(receptionist)), overwrite: true);
        _http = new HttpClient { BaseAddress = settings.Http, Timeout = TimeSpan.FromMinutes(2) };
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60); ; await Task.Delay(200))
        {
            using var ready = await _http.GetAsync("/health/ready");
            if (ready.IsSuccessStatusCode)
            {
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, "the node never became ready");
        }
    }

    [Fact]
    public async Task A_stream_shows_a_runs_progress_and_end_while_nothing_asks_the_job_for_its_view()
    {
        var id = "push-" + Guid.NewGuid().ToString("N")[..8];
        var local = Directory.CreateTempSubdirectory("smbsync-local-").FullName;
        TestTrees.WriteFiles(local, 2500, 2000);
        Directory.CreateDirectory(Path.Combine(Samba.SharePath(), id));
        var url = $"smb://{SambaServer.UserName}@127.0.0.1:{Samba.Port}/{SambaServer.ShareName}/{id}";
        using (var created = await Http.PostAsJsonAsync("/api/jobs", new { id, localPath = local, remote = url, mode = "mirror", workers = 1 }))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }
        using var stream = await Http.GetAsync($"/api/jobs/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var events = new List<JsonElement> { await NextEventAsync(reader, timeout.Token) };

        using var started = await Http.PostAsync($"/api/jobs/{id}/sync", null);
        var runId = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("runId").GetString();
        var askedAtStart = _counted.GetJob;
        var startedAt = DateTime.UtcNow;
        do
        {
            events.Add(await NextEventAsync(reader, timeout.Token));
        }
        while (events[^1].GetProperty("lastRun") is not { ValueKind: JsonValueKind.Object } last || last.GetProperty("runId").GetString() != runId);
        var runTook = DateTime.UtcNow - startedAt;
        var askedDuringRun = _counted.GetJob - askedAtStart;

        Assert.Equal("idle", events[0].GetProperty("status").GetString());
        Assert.Equal("completed", events[^1].GetProperty("status").GetString());
        var itemsDone = events.Where(e => e.GetProperty("progress").ValueKind == JsonValueKind.Object
                && e.GetProperty("progress").GetProperty("phase").GetString() == "executing")
            .Select(e => e.GetProperty("progress").GetProperty("itemsDone").GetInt32()).Distinct().ToList();
        Assert.True(itemsDone.Count >= 3, $"progress seen at {string.Join(", ", itemsDone)} items in a run of {runTook.TotalSeconds:0.0} s");
        // The stream asked once a quarter of a second when it polled: a run of over a second shows it.
        Assert.True(runTook > TimeSpan.FromSeconds(1), $"the run took {runTook.TotalSeconds:0.0} s: too short to tell");
        Assert.Equal(0, askedDuringRun);
        Assert.InRange(_counted.SubscribeJob, 1, 2);
    }

    /// <summary>The job resource of the stream's next event.</summary>
    private static async Task<JsonElement> NextEventAsync(StreamReader reader, CancellationToken ct)
    {
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
            }
        }
        throw new InvalidOperationException("the stream ended");
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (_samba is not null)
        {
            await _samba.DisposeAsync();
        }
    }
}
