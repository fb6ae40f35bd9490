using Akka.Actor;
using Akka.TestKit.Xunit2;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Cluster.Runs;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>A watched job between two local directories (inotify on both): changes on either side arrive by themselves.</summary>
public sealed class WatchedJobTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static RunEnvironment Environment => TestJobs.Environment(remote => remote) with
    {
        Watching = new WatchTiming { Debounce = TimeSpan.FromMilliseconds(200), Retry = TimeSpan.FromMilliseconds(500) },
    };

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        for (var deadline = DateTime.UtcNow + Wait; !condition(); await Task.Delay(50))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} never happened");
        }
    }

    /// <summary>The runs that did something once the job is quiet, counted through the history's merged entries.</summary>
    private static async Task<int> SettledRunsAsync(IActorRef job, string id = "w")
    {
        await TestJobs.AskUntilAsync<JobView>(job, new GetJob(id), v => v.RunId is null, Wait);
        await Task.Delay(1000); // the debounce of any change the last run caused, and its run
        await TestJobs.AskUntilAsync<JobView>(job, new GetJob(id), v => v.RunId is null, Wait);
        return (await job.Ask<JobHistory>(new GetJobHistory(id), Wait)).Runs.Sum(r => r.Runs ?? 1);
    }

    [Fact]
    public async Task Changes_on_either_side_arrive_by_themselves_and_the_job_settles_without_echoing_its_own_writes()
    {
        var spec = TestJobs.WithFiles("w", 5) with { Watch = true };
        var job = Sys.ActorOf(JobActor.Props("w", Environment));

        Assert.IsType<CommandAccepted>(await job.Ask<object>(new DefineJob(spec), Wait));

        await UntilAsync(() => Directory.GetFiles(spec.Remote).Length == 5, "the first full sync");
        Directory.CreateDirectory(Path.Combine(spec.LocalPath, "new", "deep"));
        File.WriteAllText(Path.Combine(spec.LocalPath, "new", "deep", "local.txt"), "from local");
        await UntilAsync(() => File.Exists(Path.Combine(spec.Remote, "new", "deep", "local.txt")), "a new local file reaching the remote");
        File.WriteAllText(Path.Combine(spec.Remote, "remote.txt"), "from remote");
        await UntilAsync(() => File.Exists(Path.Combine(spec.LocalPath, "remote.txt")), "a new remote file reaching the local side");
        File.Delete(Path.Combine(spec.LocalPath, "f001.txt"));
        await UntilAsync(() => !File.Exists(Path.Combine(spec.Remote, "f001.txt")), "a local deletion reaching the remote");

        var settled = await SettledRunsAsync(job);
        await Task.Delay(2000);
        var later = await SettledRunsAsync(job);
        var view = await job.Ask<JobView>(new GetJob("w"), Wait);

        var history = await job.Ask<JobHistory>(new GetJobHistory("w"), Wait);
        Assert.Equal(settled, later); // its own writes did not start run after run
        // Runs that only saw the job's own writes are not history: every run listed did something.
        Assert.All(history.Runs, r => Assert.True(r.Uploaded + r.Downloaded + r.DeletedRemote > 0, $"run {r.RunId} did nothing"));
        Assert.Equal(JobStatus.Idle, view.Status); // between runs, waiting for changes
        Assert.Equal("from remote", File.ReadAllText(Path.Combine(spec.LocalPath, "remote.txt")));
    }

    [Fact]
    public async Task Two_watched_jobs_sharing_one_remote_directory_pass_a_change_on_and_then_stay_quiet()
    {
        var a = TestJobs.WithFiles("a", 2) with { Watch = true };
        var b = new JobSpec { Id = "b", LocalPath = Directory.CreateTempSubdirectory("smbsync-b-l-").FullName, Remote = a.Remote, Workers = 1, Watch = true };
        var jobA = Sys.ActorOf(JobActor.Props("a", Environment));
        var jobB = Sys.ActorOf(JobActor.Props("b", Environment));
        Assert.IsType<CommandAccepted>(await jobA.Ask<object>(new DefineJob(a), Wait));
        await UntilAsync(() => Directory.GetFiles(a.Remote).Length == 2, "a's first sync");
        await SettledRunsAsync(jobA, "a");
        Assert.IsType<CommandAccepted>(await jobB.Ask<object>(new DefineJob(b), Wait));
        await UntilAsync(() => File.Exists(Path.Combine(b.LocalPath, "f001.txt")), "a's files reaching b through the shared directory");

        File.WriteAllText(Path.Combine(b.LocalPath, "from-b.txt"), "written at b");
        await UntilAsync(() => File.Exists(Path.Combine(a.LocalPath, "from-b.txt")), "b's file reaching a");
        var settled = (await SettledRunsAsync(jobA, "a"), await SettledRunsAsync(jobB, "b"));
        await Task.Delay(2000);
        var later = (await SettledRunsAsync(jobA, "a"), await SettledRunsAsync(jobB, "b"));

        // Each job's writes reach the other, whose writes do not come back as work: no run after run between them.
        Assert.Equal(settled, later);
        Assert.Equal(["f000.txt", "f001.txt", "from-b.txt"], Directory.GetFiles(a.LocalPath).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("written at b", File.ReadAllText(Path.Combine(a.Remote, "from-b.txt")));
    }

    [Fact]
    public async Task A_job_no_longer_watched_stops_following_changes()
    {
        var spec = TestJobs.WithFiles("w", 1) with { Watch = true };
        var job = Sys.ActorOf(JobActor.Props("w", Environment));
        Assert.IsType<CommandAccepted>(await job.Ask<object>(new DefineJob(spec), Wait));
        await UntilAsync(() => Directory.GetFiles(spec.Remote).Length == 1, "the first full sync");
        await SettledRunsAsync(job);

        Assert.IsType<CommandAccepted>(await job.Ask<object>(new DefineJob(spec with { Watch = false }), Wait));
        File.WriteAllText(Path.Combine(spec.LocalPath, "unwatched.txt"), "x");
        await Task.Delay(1500);

        Assert.False(File.Exists(Path.Combine(spec.Remote, "unwatched.txt")));
    }
}
