using Akka.Actor;
using Akka.TestKit.Xunit2;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Cluster.Runs;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Testing;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>A job's runs through its commands: sync, pause, resume, stop, status and history (in-memory journal).</summary>
public sealed class JobRunControlTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    // Writes to the remote wait for the gate: a run cannot finish before the test has paused or stopped it.
    private readonly ManualResetEventSlim _gate = new(false);
    private readonly SemaphoreSlim _writeWaiting = new(0);

    private RunEnvironment Environment => TestJobs.Environment(remote => new FaultyStore(remote, (op, _) =>
    {
        if (op == "write")
        {
            _writeWaiting.Release();
            _gate.Wait(Wait);
        }
        return null;
    }));

    [Fact]
    public async Task A_paused_run_copies_nothing_until_resumed_then_completes_into_the_history()
    {
        var spec = TestJobs.WithFiles("ctl", 200);
        var job = Sys.ActorOf(JobActor.Props("ctl", Environment));
        Assert.IsType<CommandAccepted>(await job.Ask<object>(new DefineJob(spec), Wait));
        Assert.IsType<CommandAccepted>(await job.Ask<object>(new StartRun("ctl", "r1", DateTimeOffset.UtcNow, DryRun: false), Wait));
        Assert.IsType<CommandAccepted>(await job.Ask<object>(new ControlRun("ctl", RunControl.Pause, DateTimeOffset.UtcNow), Wait));

        var paused = await job.Ask<JobView>(new GetJob("ctl"), Wait);
        _gate.Set();
        await Task.Delay(300); // the action in flight when the pause came finishes
        var copiedWhilePaused = Directory.GetFiles(spec.Remote).Length;
        await Task.Delay(500);
        var copiedLater = Directory.GetFiles(spec.Remote).Length;
        Assert.IsType<CommandAccepted>(await job.Ask<object>(new ControlRun("ctl", RunControl.Resume, DateTimeOffset.UtcNow), Wait));
        var done = await TestJobs.AskUntilAsync<JobView>(job, new GetJob("ctl"), v => v.RunId is null, Wait);
        var history = await job.Ask<JobHistory>(new GetJobHistory("ctl"), Wait);

        Assert.Equal(JobStatus.Paused, paused.Status);
        Assert.True(copiedWhilePaused <= 1 && copiedLater == copiedWhilePaused, $"{copiedWhilePaused} then {copiedLater} files while paused");
        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal(200, Directory.GetFiles(spec.Remote).Length);
        var run = Assert.Single(history.Runs);
        Assert.Equal(("r1", RunOutcome.Completed, 200), (run.RunId, run.Outcome, run.Uploaded));
        Assert.Equal(200, done.TrackedPaths);
    }

    [Fact]
    public async Task A_stopped_run_ends_its_transfers_before_it_ends_and_the_next_run_may_start()
    {
        var spec = TestJobs.WithFiles("ctl", 300);
        var job = Sys.ActorOf(JobActor.Props("ctl", Environment));
        await job.Ask<object>(new DefineJob(spec), Wait);
        await job.Ask<object>(new StartRun("ctl", "r1", DateTimeOffset.UtcNow, DryRun: false), Wait);
        var busy = await job.Ask<object>(new StartRun("ctl", "r2", DateTimeOffset.UtcNow, DryRun: false), Wait);
        Assert.True(await _writeWaiting.WaitAsync(Wait), "the run never started writing");

        Assert.IsType<CommandAccepted>(await job.Ask<object>(new ControlRun("ctl", RunControl.Stop, DateTimeOffset.UtcNow), Wait));
        var whileStopping = await job.Ask<object>(new StartRun("ctl", "r2", DateTimeOffset.UtcNow, DryRun: false), Wait);
        var stopAgain = await job.Ask<object>(new ControlRun("ctl", RunControl.Stop, DateTimeOffset.UtcNow), Wait);
        _gate.Set(); // the write in flight ends; only then does the run end
        var stopped = await TestJobs.AskUntilAsync<JobView>(job, new GetJob("ctl"), v => v.RunId is null, Wait);
        Assert.IsType<CommandAccepted>(await job.Ask<object>(new StartRun("ctl", "r2", DateTimeOffset.UtcNow, DryRun: false), Wait));
        var done = await TestJobs.AskUntilAsync<JobView>(job, new GetJob("ctl"), v => v.RunId is null, Wait);

        Assert.Equal(JobRefusal.Busy, Assert.IsType<CommandRefused>(busy).Refusal);
        Assert.Equal(JobRefusal.Busy, Assert.IsType<CommandRefused>(whileStopping).Refusal);
        Assert.Equal(JobRefusal.NotRunning, Assert.IsType<CommandRefused>(stopAgain).Refusal);
        Assert.Equal((JobStatus.Failed, RunOutcome.Stopped, 0), (stopped.Status, stopped.LastRun!.Outcome, stopped.LastRun.Failed));
        Assert.True(done.Status == JobStatus.Completed, string.Join("; ", done.LastRun!.Errors.Select(e => $"{e.Path} {e.Action} {e.Kind}: {e.Message}")));
        Assert.Equal("r2", done.LastRun.RunId);
        Assert.Equal(300, Directory.GetFiles(spec.Remote).Length);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        _gate.Set();
        base.Dispose(disposing);
        if (disposing)
        {
            _gate.Dispose();
            _writeWaiting.Dispose();
        }
    }
}
