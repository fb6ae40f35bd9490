using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.TestKit.Xunit2;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Cluster.Runs;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>Views pushed by a job to its subscribers (in-memory journal, local directories): at once, throttled, final, and followed across a restart of the job.</summary>
public sealed class JobSubscriptionTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    // Ids of their own: the default snapshot store writes files that outlive the test process.
    private readonly string _id = "sub-" + Guid.NewGuid().ToString("N")[..8];

    // Every write takes a few milliseconds and every item is its own batch: without a throttle the job
    // would push a view per item.
    private static RunEnvironment Environment => TestJobs.Environment(remote => new FaultyStore(remote, async (op, _) =>
    {
        if (op == "write")
        {
            await Task.Delay(5);
        }
        return null;
    })) with { BatchSize = 1 };

    [Fact]
    public async Task A_subscriber_gets_the_view_at_once_then_progress_at_most_every_interval_and_the_final_state_at_once()
    {
        var spec = TestJobs.WithFiles(_id, 300);
        var job = Sys.ActorOf(JobActor.Props(_id, Environment));
        Assert.IsType<CommandAccepted>(await job.Ask<object>(new DefineJob(spec), Wait));
        var subscriber = CreateTestProbe();

        job.Tell(new SubscribeJob(_id), subscriber.Ref);
        var first = subscriber.ExpectMsg<JobView>(Wait);
        Assert.IsType<CommandAccepted>(await job.Ask<object>(new StartRun(_id, "r1", DateTimeOffset.UtcNow, DryRun: false), Wait));
        var views = new List<(JobView View, DateTime At)>();
        do
        {
            views.Add((subscriber.ExpectMsg<JobView>(Wait), DateTime.UtcNow));
        }
        while (views[^1].View.RunId is not null);

        Assert.Equal((JobStatus.Idle, null), (first.Status, first.RunId));
        var final = views[^1].View;
        Assert.Equal((JobStatus.Completed, "r1", 300, null), (final.Status, final.LastRun?.RunId, final.TrackedPaths, final.Progress));
        var executing = views.Where(v => v.View.Progress?.Phase == "executing").ToList();
        Assert.True(executing.Select(v => v.View.Progress!.ItemsDone).Distinct().Count() >= 3, $"{executing.Count} views while executing");
        // Between two views that differ only in progress and counts, at least the interval (less the delivery's jitter).
        var progressOnly = executing.Zip(executing.Skip(1), (a, b) => (First: a, Second: b)).Where(p => p.First.View.Status == p.Second.View.Status).ToList();
        Assert.NotEmpty(progressOnly);
        Assert.All(progressOnly, p => Assert.True(p.Second.At - p.First.At >= JobActor.ProgressPushInterval - TimeSpan.FromMilliseconds(50),
            $"{(p.Second.At - p.First.At).TotalMilliseconds} ms between two progress views"));
        Assert.True(views.Count < 30, $"{views.Count} views for a run of about two seconds");
    }

    [Fact]
    public async Task A_subscriber_keeps_the_job_in_memory_and_is_dropped_once_it_terminates()
    {
        var parent = CreateTestProbe();
        var job = parent.ChildActorOf(JobActor.Props(_id, Environment, idleTimeout: TimeSpan.FromMilliseconds(300)));
        Assert.IsType<CommandAccepted>(await job.Ask<object>(new DefineJob(TestJobs.WithFiles(_id, 1)), Wait));
        var subscriber = CreateTestProbe();

        job.Tell(new SubscribeJob(_id), subscriber.Ref);
        subscriber.ExpectMsg<JobView>(Wait);
        parent.ExpectNoMsg(TimeSpan.FromSeconds(1.5));
        Watch(subscriber.Ref);
        Sys.Stop(subscriber.Ref);
        ExpectTerminated(subscriber.Ref);

        parent.ExpectMsg<Passivate>(Wait);
    }

    [Fact]
    public async Task A_feed_follows_the_job_when_it_stops_and_starts_again_and_never_asks_for_its_view()
    {
        var jobs = Sys.ActorOf(LocalJobs.Props(Environment), "moving-jobs");
        var counted = new JobQuestions();
        var door = Sys.ActorOf(counted.Forwarding(jobs));
        Assert.IsType<CommandAccepted>(await door.Ask<object>(new DefineJob(TestJobs.WithFiles(_id, 50)), Wait));
        using var timeout = new CancellationTokenSource(Wait);

        using var feed = JobFeed.Open(Sys, door, _id);
        var before = await feed.Views.ReadAsync(timeout.Token);
        var first = await Sys.ActorSelection("/user/moving-jobs/" + _id).ResolveOne(Wait);
        Watch(first);
        first.Tell(PoisonPill.Instance); // as a hand-over or a lost node stops it
        ExpectTerminated(first);
        var after = await feed.Views.ReadAsync(timeout.Token);
        Assert.IsType<CommandAccepted>(await door.Ask<object>(new StartRun(_id, "r1", DateTimeOffset.UtcNow, DryRun: false), Wait));
        JobView view;
        do
        {
            view = await feed.Views.ReadAsync(timeout.Token);
        }
        while (view.LastRun?.RunId != "r1");

        Assert.Equal(before.Spec, after.Spec);
        Assert.NotEqual(first, await Sys.ActorSelection("/user/moving-jobs/" + _id).ResolveOne(Wait));
        Assert.Equal((JobStatus.Completed, 50), (view.Status, view.TrackedPaths));
        Assert.Equal((0, 2), (counted.GetJob, counted.SubscribeJob));
    }

    [Fact]
    public async Task A_feed_of_an_id_no_job_can_have_ends_without_a_view()
    {
        var receptionist = Sys.ActorOf(JobReceptionist.Props(Sys.ActorOf(LocalJobs.Props(Environment))));

        using var feed = JobFeed.Open(Sys, receptionist, "not a job id");

        await feed.Views.Completion.WaitAsync(Wait);
        Assert.False(feed.Views.TryRead(out _));
    }
}
