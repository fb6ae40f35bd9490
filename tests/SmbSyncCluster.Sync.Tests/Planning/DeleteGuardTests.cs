using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Tests.Support;
using static SmbSyncCluster.Sync.Tests.Support.Entries;

namespace SmbSyncCluster.Sync.Tests.Planning;

public sealed class DeleteGuardTests
{
    private static TreeSnapshot Files(int count) => Tree(Enumerable.Range(0, count).Select(i => ($"f{i}", File(1, 1))).ToArray());

    /// <summary>A tree of <paramref name="tracked"/> files of which <paramref name="deleted"/> were deleted locally.</summary>
    private static SyncPlan DeleteLocally(int tracked, int deleted, Func<PlanOptions, PlanOptions>? adjust = null)
    {
        var changes = ChangeDetector.Detect(Files(tracked), Files(tracked - deleted), Files(tracked), Harness.Exact);
        var options = Harness.Options(tracked: tracked);
        return SyncPlanner.Plan(changes, adjust?.Invoke(options) ?? options);
    }

    [Fact]
    public void Deleting_more_than_the_limit_on_one_side_refuses_the_run()
    {
        var plan = DeleteLocally(40, 21);

        Assert.True(plan.IsRefused);
        Assert.Contains("21 of 40", plan.Refusal, StringComparison.Ordinal);
        Assert.Contains("remote", plan.Refusal, StringComparison.Ordinal);
        Assert.Equal(21, plan.Summary.DeletesRemote);
        Assert.Equal(21, plan.Actions.Count);
    }

    [Fact]
    public void Deleting_up_to_the_limit_is_allowed() => Assert.False(DeleteLocally(40, 20).IsRefused);

    [Fact]
    public void Force_overrides_the_guard() => Assert.False(DeleteLocally(40, 40, o => o with { Force = true }).IsRefused);

    [Fact]
    public void The_limit_is_configurable()
    {
        Assert.True(DeleteLocally(100, 11, o => o with { MaxDeletePercent = 10 }).IsRefused);
        Assert.False(DeleteLocally(100, 100, o => o with { MaxDeletePercent = 100 }).IsRefused);
    }

    [Fact]
    public void A_small_tree_may_lose_a_few_files_but_not_all_of_them()
    {
        Assert.False(DeleteLocally(5, 4).IsRefused);
        Assert.True(DeleteLocally(5, 5).IsRefused);
        Assert.True(DeleteLocally(1, 1).IsRefused);
    }

    [Fact]
    public void Deletions_on_the_local_side_are_guarded_too()
    {
        var changes = ChangeDetector.Detect(Files(30), Files(30), Files(5), Harness.Exact);

        var plan = SyncPlanner.Plan(changes, Harness.Options(tracked: 30));

        Assert.Contains("local", plan.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_tracked_means_nothing_to_guard()
    {
        var changes = ChangeDetector.Detect(new TreeSnapshot(), Files(3), new TreeSnapshot(), Harness.Exact);

        Assert.False(SyncPlanner.Plan(changes, Harness.Options()).IsRefused);
    }

    [Fact]
    public void Directories_do_not_count_as_deleted_files()
    {
        var synced = Tree([.. Enumerable.Range(0, 30).Select(i => ($"d{i}", Dir)), ("f", File(1, 1)), ("g", File(1, 1)), ("h", File(1, 1))]);
        var changes = ChangeDetector.Detect(synced, Tree(("f", File(1, 1)), ("g", File(1, 1)), ("h", File(1, 1))), synced, Harness.Exact);

        var plan = SyncPlanner.Plan(changes, Harness.Options(tracked: synced.FileCount));

        Assert.False(plan.IsRefused);
        Assert.Equal(30, plan.Actions.Count);
    }
}
