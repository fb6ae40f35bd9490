using System.Text.Json;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Node.Tests;

/// <summary>
/// Another ActorSystem (here, in the test process; in production, any .NET service referencing the
/// contracts assembly) drives jobs of a real node process through the cluster client over mutual TLS, as
/// docs/remoting.md shows: its own certificate of the cluster's authority, the nodes' certificates checked against it.
/// </summary>
public sealed class RemoteClientTests(SingleNodeFixture fixture) : IClassFixture<SingleNodeFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_job_created_and_run_over_akka_remoting_syncs_and_is_seen_over_http()
    {
        var (local, disk, url) = fixture.NewPair();
        File.WriteAllText(Path.Combine(local, "a.txt"), "from a remote client");
        var id = "remote-" + Guid.NewGuid().ToString("N")[..8];
        var certificate = fixture.Authority.Issue("billing");
        var tls = RemotingTls.Load(certificate.Certificate, certificate.Key, certificate.Ca);
        await using var client = JobsRemoteClient.Connect([fixture.Node.Address], tls.Setup, asLaterVersion: true);
        Task<object> Send(object message) => client.SendAsync(message, Timeout);

        var created = await Send(new DefineJob(new JobSpec { Id = id, LocalPath = local, Remote = url, Mode = SyncMode.Upload }, DefineIntent.Create));
        // A mode this version does not know, as a client of a later version could send it.
        var invalid = await Send(new LaterDefineJob(JsonSerializer.Serialize(new { spec = new { id = id + "-bad", localPath = local, remote = url, mode = "sideways", workers = 0 }, intent = "create", jobId = id + "-bad" })));
        var badId = await Send(new StartRun("no/slash", "r1", DateTimeOffset.UtcNow, DryRun: false));
        var started = await Send(new StartRun(id, "r-remote", DateTimeOffset.UtcNow, DryRun: false));
        JobView view;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        do
        {
            await Task.Delay(100);
            view = (JobView)await Send(new GetJob(id));
        }
        while (view.LastRun?.RunId != "r-remote" && DateTime.UtcNow < deadline);
        var list = (JobList)await Send(ListJobs.Instance);
        var overHttp = await fixture.Node.GetJsonAsync($"/api/jobs/{id}");

        Assert.StartsWith("akka.ssl.tcp://", fixture.Node.Address, StringComparison.Ordinal);
        Assert.IsType<CommandAccepted>(created);
        var refused = Assert.IsType<CommandRefused>(invalid);
        Assert.Equal((JobRefusal.Invalid, "mode"), (refused.Refusal, refused.Field));
        // Every problem at once, as over HTTP; workers = 0 arriving as 0 shows our serializer carried the spec.
        Assert.Equal(["mode", "workers"], refused.Problems!.Select(p => p.Field));
        Assert.Equal((JobRefusal.Invalid, "id"), (((CommandRefused)badId).Refusal, ((CommandRefused)badId).Field));
        Assert.IsType<CommandAccepted>(started);
        Assert.Equal((RunOutcome.Completed, 1), (view.LastRun?.Outcome, view.LastRun?.Uploaded ?? 0));
        Assert.Equal("from a remote client", File.ReadAllText(Path.Combine(disk, "a.txt")));
        Assert.Contains(list.Jobs, j => j.JobId == id);
        Assert.Equal("r-remote", overHttp.GetProperty("lastRun").GetProperty("runId").GetString());
    }
}
