using Akka.Actor;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.DependencyInjection;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Cluster.Metrics;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Jobs.Events;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>The gauges an alert on "last successful run too old" or "a scheduled job stopped" reads.</summary>
public sealed class JobMetricsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    private static RunFinished Finished(string runId, RunOutcome outcome, DateTimeOffset at, bool dryRun = false) =>
        new("docs", new RunSummary { RunId = runId, Mode = SyncMode.Mirror, StartedAt = at.AddMinutes(-1), FinishedAt = at, Outcome = outcome, DryRun = dryRun });

    [Fact]
    public void The_last_completed_run_is_kept_apart_from_later_failed_and_dry_runs_and_a_deleted_job_goes()
    {
        var metrics = new JobMetrics();
        metrics.Record(new JobDefined("docs", StalledRuns.Spec("docs") with { IntervalSeconds = 600 }));
        metrics.Record(Finished("r1", RunOutcome.Completed, T0));
        metrics.Record(Finished("r2", RunOutcome.Failed, T0.AddHours(1)));
        metrics.Record(Finished("r3", RunOutcome.Completed, T0.AddHours(2), dryRun: true));

        var job = metrics.Snapshot().Single().Counters;

        Assert.Equal((600, T0.AddHours(2), T0), (job.IntervalSeconds, job.LastRunAt, job.LastCompletedAt));

        metrics.Record(new JobDeleted("docs"));

        Assert.Empty(metrics.Snapshot()); // a deleted job's last success would grow old forever
    }

    [Fact]
    public void Every_problem_of_a_watcher_is_counted_even_the_ones_logged_once()
    {
        var metrics = new JobMetrics();
        metrics.Record(new WatchProblem("docs", "remote side: watching stopped (connection reset); trying again in 5 s"));
        metrics.Record(new WatchProblem("docs", "remote side: watching stopped (connection reset); trying again in 5 s"));

        Assert.Equal(2, metrics.Snapshot().Single().Counters.WatchProblems);
    }

    [Fact]
    public async Task A_job_reports_its_schedule_and_runs_as_it_recovers_on_a_node()
    {
        var database = Path.Combine(Directory.CreateTempSubdirectory("smbsync-journal-").FullName, "jobs.db");
        var first = await JobJournalHost.StartAsync(database);
        var job = first.Services.GetRequiredService<ActorSystem>().ActorOf(JobActor.Props("docs", StalledRuns.Environment));
        Assert.IsType<CommandAccepted>(await job.Ask<object>(new DefineJob(StalledRuns.Spec("docs") with { IntervalSeconds = 600 }), TimeSpan.FromSeconds(20)));
        await first.StopAsync();
        first.Dispose();

        var second = await JobJournalHost.StartAsync(database);
        var system = second.Services.GetRequiredService<ActorSystem>();
        var probe = new TestKit(system).CreateTestProbe();
        system.EventStream.Subscribe(probe.Ref, typeof(JobRecovered));
        system.ActorOf(JobActor.Props("docs", StalledRuns.Environment));

        var recovered = probe.ExpectMsg<JobRecovered>(TimeSpan.FromSeconds(20));
        await second.StopAsync();
        second.Dispose();

        Assert.Equal(new JobRecovered("docs", 600, null, null), recovered);
    }
}
