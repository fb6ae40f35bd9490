using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmbSyncCluster.Cluster.Hosting;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Cluster.Runs;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Testing;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>Jobs as sharded entities on a one-node cluster: reached by id, and remembered across a restart.</summary>
public sealed class JobShardingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static Task<IHost> StartNodeAsync(string database, RunEnvironment environment)
    {
        var port = FreePort.Next();
        return JobJournalHost.StartAsync(akka => akka
            .WithRemoting("127.0.0.1", port)
            .WithClustering(new ClusterOptions { SeedNodes = [$"akka.tcp://jobs-test@127.0.0.1:{port}"], LogInfo = false })
            .WithSqliteJobJournal(database)
            .WithJobShardRegion(environment, idleTimeout: TimeSpan.FromSeconds(1)));
    }

    private static async Task<IActorRef> RegionAsync(IHost host) =>
        await host.Services.GetRequiredService<ActorRegistry>().GetAsync<JobActor>();

    [Fact]
    public async Task Running_and_scheduled_jobs_are_started_again_by_remember_entities_after_a_restart()
    {
        var database = Path.Combine(Directory.CreateTempSubdirectory("smbsync-shard-").FullName, "jobs.db");
        var first = await StartNodeAsync(database, StalledRuns.Environment);
        var region = await RegionAsync(first);
        var spec = StalledRuns.Spec("remembered");
        Assert.IsType<CommandAccepted>(await region.Ask<object>(new DefineJob(spec), Timeout));
        Assert.IsType<CommandAccepted>(await region.Ask<object>(new StartRun("remembered", "r1", DateTimeOffset.UtcNow, DryRun: false), Timeout));
        Assert.IsType<CommandAccepted>(await region.Ask<object>(new DefineJob(spec with { Id = "idle" }), Timeout));
        Assert.IsType<CommandAccepted>(await region.Ask<object>(new DefineJob(spec with { Id = "scheduled", IntervalSeconds = 3600 }), Timeout));
        var system1 = first.Services.GetRequiredService<ActorSystem>();
        Assert.True(await GoneAsync(system1, "idle"), "an idle job passivates");
        var (running, scheduled) = (GoneAsync(system1, "remembered"), GoneAsync(system1, "scheduled"));
        Assert.False(await running, "a running job does not");
        Assert.False(await scheduled, "nor does a scheduled one");
        await first.StopAsync();
        first.Dispose();

        // Two hours later, by the clock of the restarted node: the hourly run is overdue.
        var second = await StartNodeAsync(database, StalledRuns.Environment with { Clock = new ShiftedClock(TimeSpan.FromHours(2)) });
        var system = second.Services.GetRequiredService<ActorSystem>();
        await RegionAsync(second);
        // No message is sent to the job: only remember-entities can have started it.
        var view = await RememberedViewAsync(system, "remembered");
        var scheduledView = await RememberedViewAsync(system, "scheduled");
        var idleAfterRestart = await FindAsync(system, "idle");
        await second.StopAsync();
        second.Dispose();

        Assert.Equal((JobStatus.Running, "r1"), (view?.Status, view?.RunId));
        Assert.StartsWith("s", scheduledView?.RunId, StringComparison.Ordinal); // its overdue run started at once
        Assert.Null(idleAfterRestart);
    }

    [Fact]
    public async Task Listing_jobs_wakes_no_idle_one_once_it_has_heard_of_it()
    {
        var database = Path.Combine(Directory.CreateTempSubdirectory("smbsync-shard-").FullName, "jobs.db");
        using var host = await StartNodeAsync(database, StalledRuns.Environment);
        var system = host.Services.GetRequiredService<ActorSystem>();
        var region = await RegionAsync(host);
        var receptionist = system.ActorOf(JobReceptionist.Props(region));
        var spec = StalledRuns.Spec("sleeper");
        Assert.IsType<CommandAccepted>(await receptionist.Ask<object>(new DefineJob(spec), Timeout));
        Assert.IsType<CommandAccepted>(await receptionist.Ask<object>(new DefineJob(spec with { Id = "gone" }), Timeout));
        Assert.IsType<CommandAccepted>(await receptionist.Ask<object>(new DeleteJob("gone"), Timeout));

        // The jobs were just told something: the first listing asks them, the next ones need not.
        var first = await receptionist.Ask<JobList>(ListJobs.Instance, Timeout);
        Assert.True(await GoneAsync(system, "sleeper") && await GoneAsync(system, "gone"), "idle jobs passivate");
        var second = await receptionist.Ask<JobList>(ListJobs.Instance, Timeout);
        var woken = (await FindAsync(system, "sleeper"), await FindAsync(system, "gone"));
        // A change made through another door (another node's receptionist) reaches the listing as the job publishes it.
        Assert.IsType<CommandAccepted>(await region.Ask<object>(new DefineJob(spec with { Workers = 3 }), Timeout));
        Assert.True(await GoneAsync(system, "sleeper"), "the job passivates again");
        var published = await receptionist.Ask<JobList>(ListJobs.Instance, Timeout);
        var wokenAgain = await FindAsync(system, "sleeper");
        // A command makes the next listing ask again: here a run that starts and stalls.
        Assert.IsType<CommandAccepted>(await receptionist.Ask<object>(new StartRun("sleeper", "r1", DateTimeOffset.UtcNow, DryRun: false), Timeout));
        var third = await receptionist.Ask<JobList>(ListJobs.Instance, Timeout);
        await host.StopAsync();

        Assert.Equal(("sleeper", JobStatus.Idle), (Assert.Single(first.Jobs).JobId, first.Jobs[0].Status));
        Assert.Equal(first.Jobs, second.Jobs);
        Assert.Equal((null, null), woken);
        Assert.Equal(3, Assert.Single(published.Jobs).Spec!.Workers);
        Assert.Null(wokenAgain);
        Assert.Equal((JobStatus.Running, "r1"), (Assert.Single(third.Jobs).Status, third.Jobs[0].RunId));
    }

    /// <summary>The view of a job that remember-entities started, once it has a run in progress; null when it never has.</summary>
    private static async Task<JobView?> RememberedViewAsync(ActorSystem system, string jobId)
    {
        for (var deadline = DateTime.UtcNow + Timeout; DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            if (await FindAsync(system, jobId) is { } entity
                && await entity.Ask<JobView>(new GetJob(jobId), Timeout) is { RunId: not null } view)
            {
                return view;
            }
        }
        return null;
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
