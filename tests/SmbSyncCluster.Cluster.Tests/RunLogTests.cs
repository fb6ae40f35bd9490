using Akka.Actor;
using Akka.TestKit.Xunit2;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>Every run's start and end is a line of the node's log, with the job, the run, the outcome, the counts and the reason.</summary>
public sealed class RunLogTests() : TestKit("akka.loglevel = INFO")
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly string _id = "log-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_run_logs_its_start_and_its_end_with_outcome_and_counts()
    {
        var job = Sys.ActorOf(JobActor.Props(_id, TestJobs.Environment(remote => remote)));
        await job.Ask<object>(new DefineJob(TestJobs.WithFiles(_id, 3)), Wait);

        await EventFilter.Info(start: $"job {_id}: run r1 started").ExpectOneAsync(Wait, async () =>
            await EventFilter.Info(start: $"job {_id}: run r1 completed in ", contains: ": 3 uploaded, 0 downloaded, 0 deleted local, 0 deleted remote, 0 conflicts, 0 skipped, 0 failed")
                .ExpectOneAsync(Wait, async () =>
                {
                    await job.Ask<object>(new StartRun(_id, "r1", DateTimeOffset.UtcNow, DryRun: false), Wait);
                    await TestJobs.AskUntilAsync<JobView>(job, new GetJob(_id), v => v.RunId is null, Wait);
                }));
    }

    [Fact]
    public async Task A_run_that_fails_items_is_a_warning_with_its_count()
    {
        var environment = TestJobs.Environment(remote => new FaultyStore(remote, (op, _) =>
            op == "write" ? new UnauthorizedAccessException("denied") : null));
        var job = Sys.ActorOf(JobActor.Props(_id, environment));
        await job.Ask<object>(new DefineJob(TestJobs.WithFiles(_id, 2)), Wait);

        await EventFilter.Warning(start: $"job {_id}: run r1 failed in ", contains: "2 failed").ExpectOneAsync(Wait, async () =>
        {
            await job.Ask<object>(new StartRun(_id, "r1", DateTimeOffset.UtcNow, DryRun: false), Wait);
            await TestJobs.AskUntilAsync<JobView>(job, new GetJob(_id), v => v.RunId is null, Wait);
        });
    }
}
