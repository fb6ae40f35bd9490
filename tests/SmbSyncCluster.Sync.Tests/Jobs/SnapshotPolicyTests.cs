using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Tests.Jobs;

public sealed class SnapshotPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static ItemsSynced Items(int count) =>
        new("docs", "r", [.. Enumerable.Range(0, count).Select(i => new BaseChange($"f{i}", EntryState.OfFile(i, i)))], 0);

    private static RunFinished Finished() =>
        new("docs", new RunSummary { RunId = "r", Mode = SyncMode.Upload, StartedAt = Now, FinishedAt = Now, Outcome = RunOutcome.Completed });

    private static RunStarted Started() => new("docs", "r", Now, DryRun: false);

    [Fact]
    public void Every_interval_events_take_one_and_the_count_restarts()
    {
        var policy = new SnapshotPolicy(interval: 3);

        Assert.Equal([false, false, true, false, false, true], [.. Enumerable.Range(0, 6).Select(_ => policy.Persisted(Started()))]);
    }

    [Fact]
    public void Replayed_events_count_towards_the_next_one()
    {
        var policy = new SnapshotPolicy(interval: 3);
        policy.Replayed(Started());
        policy.Replayed(Finished());

        Assert.True(policy.Persisted(Started()));
    }

    [Fact]
    public void A_run_that_recorded_many_paths_takes_one_when_it_ends()
    {
        var policy = new SnapshotPolicy(interval: 100, itemThreshold: 1000);

        Assert.False(policy.Persisted(Started()));
        Assert.False(policy.Persisted(Items(600)));
        Assert.False(policy.Persisted(Items(400))); // the threshold is met, but the run goes on
        Assert.True(policy.Persisted(Finished()));
        Assert.False(policy.Persisted(Finished())); // counted from the snapshot again
    }

    [Fact]
    public void Paths_replayed_since_the_last_snapshot_count_too()
    {
        var policy = new SnapshotPolicy(interval: 100, itemThreshold: 1000);
        policy.Replayed(Items(999));

        Assert.False(policy.Persisted(Started()));
        Assert.False(policy.Persisted(Items(1)));
        Assert.True(policy.Persisted(Finished()));
    }

    [Fact]
    public void A_run_with_few_paths_does_not()
    {
        var policy = new SnapshotPolicy(interval: 100, itemThreshold: 1000);
        policy.Persisted(Items(999));

        Assert.False(policy.Persisted(Finished()));
    }
}
