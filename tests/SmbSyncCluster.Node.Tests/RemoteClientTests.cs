using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Tools.Client;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Configuration;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Node.Tests;

/// <summary>
/// Another ActorSystem (here, in the test process; in production, any .NET service referencing the
/// contracts assembly) drives jobs of a real node process through the cluster client, as docs/remoting.md shows.
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
        using var system = ActorSystem.Create("client", ConfigurationFactory.ParseString("""
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
            """).WithFallback(ContractSerializer.Config).WithFallback(ClusterClientReceptionist.DefaultConfig()).WithFallback(DistributedPubSub.DefaultConfig()));
        var contact = ActorPath.Parse($"{fixture.Node.Address}/system/receptionist");
        var client = system.ActorOf(ClusterClient.Props(ClusterClientSettings.Create(system).WithInitialContacts(ImmutableHashSet.Create(contact))), "jobs-client");
        Task<object> Send(object message) => client.Ask<object>(new ClusterClient.Send("/user/jobs", message), Timeout);

        var created = await Send(new DefineJob(new JobSpec { Id = id, LocalPath = local, Remote = url, Mode = "upload" }, DefineIntent.Create));
        var invalid = await Send(new DefineJob(new JobSpec { Id = id + "-bad", LocalPath = local, Remote = url, Mode = "sideways", Workers = 0 }, DefineIntent.Create));
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
        await system.Terminate();

        Assert.IsType<CommandAccepted>(created);
        var refused = Assert.IsType<CommandRefused>(invalid);
        Assert.Equal((JobRefusal.Invalid, "mode"), (refused.Refusal, refused.Field));
        // Every problem at once, as over HTTP; workers = 0 arriving as 0 shows our serializer carried the spec.
        Assert.Equal(["mode", "workers"], refused.Problems!.Select(p => p.Field));
        Assert.Equal((JobRefusal.Invalid, "id"), (((CommandRefused)badId).Refusal, ((CommandRefused)badId).Field));
        Assert.IsType<CommandAccepted>(started);
        Assert.Equal(("completed", 1), (view.LastRun?.Outcome, view.LastRun?.Uploaded ?? 0));
        Assert.Equal("from a remote client", File.ReadAllText(Path.Combine(disk, "a.txt")));
        Assert.Contains(list.Jobs, j => j.JobId == id);
        Assert.Equal("r-remote", overHttp.GetProperty("lastRun").GetProperty("runId").GetString());
    }
}
