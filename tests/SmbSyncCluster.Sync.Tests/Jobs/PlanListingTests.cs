using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Planning;

namespace SmbSyncCluster.Sync.Tests.Jobs;

public sealed class PlanListingTests
{
    private static readonly SyncPlanSummary Counts = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    private static RunSummary Summary(bool dryRun, RunOutcome outcome = RunOutcome.Completed) => new()
    {
        RunId = "r1", Mode = SyncMode.Mirror, DryRun = dryRun, StartedAt = DateTimeOffset.UnixEpoch, FinishedAt = DateTimeOffset.UnixEpoch, Outcome = outcome,
    };

    private static readonly SyncAction[] Steps =
    [
        new(SyncActionKind.RenameLocal, "a") { TargetPath = "a (conflict)" },
        new(SyncActionKind.DeleteRemote, "gone.txt"),
        new(SyncActionKind.CreateLocalDirectory, "dir"),
        new(SyncActionKind.Download, "dir/b"),
        new(SyncActionKind.Skip, "c:d") { SkipReason = SkipReason.Unrepresentable },
        new(SyncActionKind.RecordConverged, "same"),
        new(SyncActionKind.ForgetBase, "vanished"),
    ];

    [Fact]
    public void A_dry_run_lists_every_step_that_touches_a_side_under_its_kinds_wire_name()
    {
        var listed = PlanListing.With(Summary(dryRun: true), new SyncPlan(Steps, Counts, null));

        Assert.Equal(
            [
                new PlannedAction("a", "rename-local") { Target = "a (conflict)" },
                new PlannedAction("gone.txt", "delete-remote"),
                new PlannedAction("dir", "create-local-directory"),
                new PlannedAction("dir/b", "download"),
                new PlannedAction("c:d", "skip") { Reason = "unrepresentable-name" },
            ],
            listed.Plan);
        Assert.Equal(5, listed.Planned);
    }

    [Fact]
    public void A_refused_plan_lists_the_deletions_it_held_back_and_a_real_run_lists_nothing()
    {
        var refused = PlanListing.With(Summary(dryRun: false, RunOutcome.Aborted), new SyncPlan(Steps, Counts, "too many deletions"));
        var real = PlanListing.With(Summary(dryRun: false), new SyncPlan(Steps, Counts, null));
        var failedDryRun = PlanListing.With(Summary(dryRun: true, RunOutcome.Aborted), new SyncPlan(Steps, Counts, null));

        Assert.Equal([new PlannedAction("gone.txt", "delete-remote")], refused.Plan);
        Assert.Equal((null, null), (real.Plan, real.Planned));
        Assert.Null(failedDryRun.Plan);
    }

    [Fact]
    public void At_most_a_thousand_steps_are_listed_and_all_are_counted()
    {
        var many = Enumerable.Range(0, 2500).Select(i => new SyncAction(SyncActionKind.Upload, $"f{i}")).ToList();

        var listed = PlanListing.With(Summary(dryRun: true), new SyncPlan(many, Counts, null));

        Assert.Equal((RunSummary.MaxListedPlan, 2500), (listed.Plan!.Count, listed.Planned));
        Assert.Equal("f999", listed.Plan[^1].Path);
    }
}
