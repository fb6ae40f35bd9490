using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmbSyncCluster.Cluster.Hosting;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Testing;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>Jobs as sharded entities on a one-node cluster: reached by id, and remembered across a restart.</summary>
public sealed class JobShardingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static Task<IHost> StartNodeAsync(string database)
    {
        var port = FreePort.Next();
        return JobJournalHost.StartAsync(akka => akka
            .WithRemoting("127.0.0.1", port)
            .WithClustering(new ClusterOptions { SeedNodes = [$"akka.tcp://jobs-test@127.0.0.1:{port}"], LogInfo = false })
            .WithSqliteJobJournal(database)
            .WithJobShardRegion(StalledRuns.Environment, idleTimeout: TimeSpan.FromSeconds(1)));
    }

    private static async Task<IActorRef> RegionAsync(IHost host) =>
        await host.Services.GetRequiredService<ActorRegistry>().GetAsync<JobActor>();

    [Fact]
    public async Task A_running_job_is_started_again_by_remember_entities_after_a_restart()
    {
        var database = Path.Combine(Directory.CreateTempSubdirectory("smbsync-shard-").FullName, "jobs.db");
        var first = await StartNodeAsync(database);
        var region = await RegionAsync(first);
        var spec = StalledRuns.Spec("remembered");
        Assert.IsType<CommandAccepted>(await region.Ask<object>(new DefineJob(spec), Timeout));
        Assert.IsType<CommandAccepted>(await region.Ask<object>(new StartRun("remembered", "r1", DateTimeOffset.UtcNow, DryRun: false), Timeout));
        Assert.IsType<CommandAccepted>(await region.Ask<object>(new DefineJob(spec with { Id = "idle" }), Timeout));
        var system1 = first.Services.GetRequiredService<ActorSystem>();
        Assert.True(await GoneAsync(system1, "idle"), "an idle job passivates");
        Assert.False(await GoneAsync(system1, "remembered"), "a running job does not");
        await first.StopAsync();
        first.Dispose();

        var second = await StartNodeAsync(database);
        var system = second.Services.GetRequiredService<ActorSystem>();
        await RegionAsync(second);
        // No message is sent to the job: only remember-entities can have started it.
        IActorRef? entity = null;
        for (var deadline = DateTime.UtcNow + Timeout; entity is null && DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            entity = await FindAsync(system, "remembered");
        }
        var view = entity is null ? null : await entity.Ask<JobView>(new GetJob("remembered"), Timeout);
        var idleAfterRestart = await FindAsync(system, "idle");
        await second.StopAsync();
        second.Dispose();

        Assert.NotNull(entity);
        Assert.Equal((JobStatus.Running, "r1"), (view!.Status, view.RunId));
        Assert.Null(idleAfterRestart);
    }

    private static async Task<IActorRef?> FindAsync(ActorSystem system, string jobId)
    {
        var identity = await system.ActorSelection($"/system/sharding/job/*/{jobId}").Ask<ActorIdentity>(new Identify(1), TimeSpan.FromSeconds(1))
            .ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default);
        return identity?.Subject;
    }

    /// <summary>True when the entity is gone within five seconds.</summary>
    private static async Task<bool> GoneAsync(ActorSystem system, string jobId)
    {
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            if (await FindAsync(system, jobId) is null)
            {
                return true;
            }
        }
        return false;
    }
}
