using Akka;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>A process about to exit stops its jobs only once their snapshots are written (in-memory journal, slow snapshot store).</summary>
public sealed class StopWhenSettledTests() : TestKit(SlowSnapshotStore.Config)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_job_asked_to_stop_waits_until_its_snapshot_is_written()
    {
        var spec = StalledRuns.Spec("settle");
        var job = Sys.ActorOf(JobActor.Props("settle", StalledRuns.Environment, snapshotInterval: 2));
        Watch(job);
        await job.Ask<object>(new DefineJob(spec), Wait);
        await job.Ask<object>(new DefineJob(spec with { Workers = 2 }), Wait); // the second event: a snapshot is due

        job.Tell(StopWhenSettled.Instance);

        // The store records a snapshot once its write is done: seen at termination, the job waited for it.
        // (A stalled test thread could only make a job that did not wait pass, never fail one that did.)
        ExpectTerminated(job, Wait);
        Assert.Contains("job-settle", SlowSnapshotStore.Written);
    }

    [Fact]
    public async Task Stopping_all_local_jobs_answers_once_every_job_has_stopped()
    {
        var jobs = Sys.ActorOf(LocalJobs.Props(StalledRuns.Environment), "jobs");
        var children = new List<IActorRef>();
        foreach (var id in new[] { "a", "b" })
        {
            await jobs.Ask<JobView>(new GetJob(id), Wait);
            children.Add(Watch(await Sys.ActorSelection(jobs.Path / id).ResolveOne(Wait)));
        }

        await jobs.Ask<Done>(LocalJobs.StopAll.Instance, Wait);

        Assert.Equal(children.ToHashSet(), new[] { ExpectMsg<Terminated>(Wait).ActorRef, ExpectMsg<Terminated>(Wait).ActorRef }.ToHashSet());
    }
}
