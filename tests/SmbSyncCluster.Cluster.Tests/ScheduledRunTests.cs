using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.DependencyInjection;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Cluster.Runs;
using SmbSyncCluster.Testing;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>Jobs with an interval start their runs by themselves (in-memory journal; one interval second lasts 20 ms).</summary>
public sealed partial class ScheduledRunTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan IntervalSecond = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Interval = IntervalSecond * JobSpec.MinIntervalSeconds;
    private readonly WriteGate _gate = new();

    private static RunEnvironment Scaled(RunEnvironment environment) => environment with { IntervalSecond = IntervalSecond };

    [GeneratedRegex(@"^s\d{8}-\d{6}-\d{3}$")]
    private static partial Regex ScheduledRunId();

    [Fact]
    public async Task A_job_with_an_interval_runs_by_itself_an_interval_after_each_run_ended()
    {
        var spec = TestJobs.WithFiles("every", 3) with { IntervalSeconds = JobSpec.MinIntervalSeconds };
        var job = Sys.ActorOf(JobActor.Props("every", Scaled(TestJobs.Environment(remote => remote))));
        Assert.IsType<CommandAccepted>(await job.Ask<object>(new DefineJob(spec), Wait));
        await TestJobs.AskUntilAsync<JobView>(job, new GetJob("every"), v => v.LastRun is not null, Wait);
        // Moved in whole, so that no scan sees it half written.
        var later = Path.GetTempFileName();
        File.WriteAllText(later, "written after the first run");
        File.Move(later, Path.Combine(spec.LocalPath, "later.txt"));
        var history = await TestJobs.AskUntilAsync<JobHistory>(job, new GetJobHistory("every"), h => h.Runs.Count >= 3 && h.Runs.Sum(r => r.Uploaded) == 4, Wait);

        Assert.All(history.Runs, run => Assert.Matches(ScheduledRunId(), run.RunId));
        Assert.All(history.Runs, run => Assert.Equal(RunOutcome.Completed, run.Outcome));
        Assert.Equal((3, 4), (history.Runs[0].Uploaded, history.Runs.Sum(r => r.Uploaded)));
        // Never two at once, and each an interval after the one before ended.
        Assert.All(
            history.Runs.Zip(history.Runs.Skip(1), (before, after) => after.StartedAt - before.FinishedAt),
            gap => Assert.True(gap >= Interval, $"a run started {gap} after the one before it ended"));
        Assert.Equal(4, Directory.GetFiles(spec.Remote).Length);
    }

    [Fact]
    public async Task A_run_in_progress_paused_or_not_is_never_doubled_and_the_schedule_goes_on_once_it_ended()
    {
        var spec = TestJobs.WithFiles("held", 2) with { IntervalSeconds = JobSpec.MinIntervalSeconds };
        var job = Sys.ActorOf(JobActor.Props("held", Scaled(TestJobs.Environment(remote => new FaultyStore(remote, _gate.HoldAsync)))));
        await job.Ask<object>(new DefineJob(spec), Wait);
        await _gate.HeldAsync(1, Wait); // the first scheduled run is copying
        var running = await job.Ask<JobView>(new GetJob("held"), Wait);
        await Task.Delay(Interval * 3); // due times pass while it runs
        Assert.IsType<CommandAccepted>(await job.Ask<object>(new ControlRun("held", RunControl.Pause, DateTimeOffset.UtcNow), Wait));
        await Task.Delay(Interval * 3); // and while it is paused
        var paused = await job.Ask<JobView>(new GetJob("held"), Wait);
        Assert.IsType<CommandAccepted>(await job.Ask<object>(new ControlRun("held", RunControl.Resume, DateTimeOffset.UtcNow), Wait));
        _gate.Open();
        var history = await TestJobs.AskUntilAsync<JobHistory>(job, new GetJobHistory("held"), h => h.Runs.Count >= 2, Wait);

        Assert.Equal((JobStatus.Running, JobStatus.Paused), (running.Status, paused.Status));
        Assert.Equal(running.RunId, paused.RunId);
        Assert.Equal((running.RunId, 2), (history.Runs[0].RunId, history.Runs[0].Uploaded));
        Assert.True(history.Runs[1].StartedAt - history.Runs[0].FinishedAt >= Interval);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Removing_the_interval_or_deleting_the_job_ends_its_runs_and_lets_it_passivate(bool delete)
    {
        var spec = TestJobs.WithFiles("off", 1) with { IntervalSeconds = JobSpec.MinIntervalSeconds };
        var parent = CreateTestProbe();
        // Idle for longer than an interval: a timer left running would start a run before the job passivates.
        var job = parent.ChildActorOf(JobActor.Props("off", Scaled(TestJobs.Environment(remote => remote)), idleTimeout: Interval * 3));
        await job.Ask<object>(new DefineJob(spec), Wait);
        await TestJobs.AskUntilAsync<JobView>(job, new GetJob("off"), v => v.LastRun is not null, Wait);
        object unschedule = delete ? new DeleteJob("off") : new DefineJob(spec with { IntervalSeconds = null }, DefineIntent.Update);
        // A scheduled run may be in progress, which a deletion waits for.
        await TestJobs.AskUntilAsync<object>(job, unschedule, answer => answer is CommandAccepted, Wait);
        var idle = await TestJobs.AskUntilAsync<JobView>(job, new GetJob("off"), v => v.RunId is null, Wait);

        parent.ExpectMsg<Passivate>(Wait);
        var passivating = await job.Ask<JobView>(new GetJob("off"), Wait);

        Assert.Equal((null, idle.LastRun!.RunId), (passivating.RunId, passivating.LastRun!.RunId));
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        _gate.Open();
        base.Dispose(disposing);
    }
}

/// <summary>A scheduled job counts from its journal's times, not from when a node started it.</summary>
public sealed class ScheduledRunRecoveryTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_job_recovered_after_its_run_fell_due_runs_at_once()
    {
        var database = Path.Combine(Directory.CreateTempSubdirectory("smbsync-journal-").FullName, "jobs.db");
        var spec = TestJobs.WithFiles("due", 2) with { IntervalSeconds = 3600 };
        var first = await JobJournalHost.StartAsync(database);
        var job = first.Services.GetRequiredService<ActorSystem>().ActorOf(JobActor.Props("due", TestJobs.Environment(remote => remote)));
        Assert.IsType<CommandAccepted>(await job.Ask<object>(new DefineJob(spec), Wait));
        var defined = await job.Ask<JobView>(new GetJob("due"), Wait);
        await first.StopAsync();
        first.Dispose();

        // Two hours later, by the clock of the node that recovers the job: the hourly run is overdue.
        var second = await JobJournalHost.StartAsync(database);
        var environment = TestJobs.Environment(remote => remote) with { Clock = new ShiftedClock(TimeSpan.FromHours(2)) };
        var recovered = second.Services.GetRequiredService<ActorSystem>().ActorOf(JobActor.Props("due", environment));
        var ran = await TestJobs.AskUntilAsync<JobView>(recovered, new GetJob("due"), v => v.LastRun is not null, Wait);
        await second.StopAsync();
        second.Dispose();

        Assert.Equal((JobStatus.Idle, null), (defined.Status, defined.LastRun));
        Assert.StartsWith("s", ran.LastRun!.RunId, StringComparison.Ordinal);
        Assert.Equal((RunOutcome.Completed, 2), (ran.LastRun.Outcome, ran.LastRun.Uploaded));
    }
}
