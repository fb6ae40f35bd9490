using Akka.Actor;
using Akka.TestKit.Xunit2;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Cluster.Runs;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Jobs.Events;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>A job's runs through its commands: sync, pause, resume, status and history (in-memory journal).</summary>
public sealed class JobRunControlTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static readonly RunEnvironment Environment = new() { Dispatcher = "akka.actor.default-dispatcher" };

    private static JobSpec NewSpec(int files)
    {
        var local = Directory.CreateTempSubdirectory("smbsync-ctl-l-").FullName;
        var remote = Directory.CreateTempSubdirectory("smbsync-ctl-r-").FullName;
        for (var i = 0; i < files; i++)
        {
            File.WriteAllText(Path.Combine(local, $"f{i:000}.txt"), $"file {i}");
        }
        return new JobSpec { Id = "ctl", LocalPath = local, Remote = remote, Workers = 1 };
    }

    private async Task<JobView> WaitForAsync(IActorRef job, Func<JobView, bool> condition)
    {
        for (var deadline = DateTime.UtcNow + Wait; DateTime.UtcNow < deadline; await Task.Delay(20))
        {
            var view = await job.Ask<JobView>(new GetJob("ctl"), Wait);
            if (condition(view))
            {
                return view;
            }
        }
        throw new TimeoutException("the job never reached the expected state");
    }

    [Fact]
    public async Task A_paused_run_copies_nothing_until_resumed_then_completes_into_the_history()
    {
        var spec = NewSpec(200);
        var job = Sys.ActorOf(JobActor.Props("ctl", Environment));
        Assert.IsType<CommandAccepted>(await job.Ask<object>(new DefineJob(spec), Wait));
        Assert.IsType<CommandAccepted>(await job.Ask<object>(new StartRun("ctl", "r1", DateTimeOffset.UtcNow, DryRun: false), Wait));
        Assert.IsType<CommandAccepted>(await job.Ask<object>(new ControlRun("ctl", RunControl.Pause, DateTimeOffset.UtcNow), Wait));

        var paused = await job.Ask<JobView>(new GetJob("ctl"), Wait);
        await Task.Delay(300); // actions in flight when the pause came finish
        var copiedWhilePaused = Directory.GetFiles(spec.Remote).Length;
        await Task.Delay(500);
        var copiedLater = Directory.GetFiles(spec.Remote).Length;
        Assert.IsType<CommandAccepted>(await job.Ask<object>(new ControlRun("ctl", RunControl.Resume, DateTimeOffset.UtcNow), Wait));
        var done = await WaitForAsync(job, v => v.RunId is null);
        var history = await job.Ask<JobHistory>(new GetJobHistory("ctl"), Wait);

        Assert.Equal(JobStatus.Paused, paused.Status);
        Assert.True(copiedWhilePaused < 200 && copiedLater == copiedWhilePaused, $"{copiedWhilePaused} then {copiedLater} files while paused");
        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal(200, Directory.GetFiles(spec.Remote).Length);
        var run = Assert.Single(history.Runs);
        Assert.Equal(("r1", "completed", 200), (run.RunId, run.Outcome, run.Uploaded));
        Assert.Equal(200, done.TrackedPaths);
    }
}
