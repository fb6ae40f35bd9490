using Akka.Actor;
using Akka.TestKit.Xunit2;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Cluster.Runs;
using SmbSyncCluster.Testing;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>A new worker count given to a running job changes how many transfers its run has in flight at once.</summary>
public sealed class RunResizeTests() : TestKit("akka.loglevel = INFO")
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly WriteGate _gate = new();

    private RunEnvironment Environment => TestJobs.Environment(remote => new FaultyStore(remote, _gate.HoldAsync));

    [Fact]
    public async Task A_running_job_goes_from_2_to_6_transfers_at_once_then_drains_to_1_and_copies_every_file_once()
    {
        const int files = 40;
        var spec = TestJobs.WithFiles("resize", files) with { Workers = 2 };
        var job = Sys.ActorOf(JobActor.Props("resize", Environment));
        await job.Ask<object>(new DefineJob(spec), Wait);
        await job.Ask<object>(new StartRun("resize", "r1", DateTimeOffset.UtcNow, DryRun: false), Wait);

        await _gate.HeldAsync(2, Wait);
        var beforeResize = _gate.HeldAtEntry;
        // The log line is the executor taking the new count: only then is the next step deterministic.
        await EventFilter.Info(contains: "run r1: 6 transfers at once").ExpectOneAsync(
            Wait, () => job.Ask<object>(new DefineJob(spec with { Workers = 6 }, DefineIntent.Update), Wait));
        await _gate.HeldAsync(6, Wait);
        var afterGrowth = _gate.HeldAtEntry;
        await EventFilter.Info(contains: "run r1: 1 transfers at once").ExpectOneAsync(
            Wait, () => job.Ask<object>(new DefineJob(spec with { Workers = 1 }, DefineIntent.Update), Wait));
        _gate.Open();
        var done = await TestJobs.AskUntilAsync<JobView>(job, new GetJob("resize"), v => v.RunId is null, Wait);

        Assert.Equal([1, 2], beforeResize);
        Assert.Equal([1, 2, 3, 4, 5, 6], afterGrowth);
        // Once the six in flight have ended, one transfer at a time: every later write came alone.
        Assert.Equal(Enumerable.Repeat(1, files - 6), _gate.HeldAtEntry.Skip(6));
        Assert.Equal((JobStatus.Completed, files), (done.Status, done.LastRun!.Uploaded));
        Assert.Equal(files, _gate.Writes.Count);
        Assert.All(_gate.Writes.Values, count => Assert.Equal(1, count));
        Assert.Equal(files, Directory.GetFiles(spec.Remote).Length);
        Assert.Equal(1, done.Spec!.Workers);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        _gate.Open();
        base.Dispose(disposing);
    }
}
